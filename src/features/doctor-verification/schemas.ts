import { z } from 'zod'
import { DOCTOR_STATUSES } from '../../db/schema/enums'
import { TEXT_LIMITS } from '../../core/input'
import { RegisterDoctorInput } from '../auth/schemas'

export const ListQuery = z.object({ status: z.enum(DOCTOR_STATUSES, 'must be pending, verified, rejected or deactivated').default('pending') })

export const RejectInput = z.object({ reason: z.string().trim().min(3, 'must say why, in at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`) })

// The same details a doctor gives when applying, except the password: the doctor chooses it.
export const CreateDoctorInput = RegisterDoctorInput.omit({ password: true })
export type CreateDoctorInput = z.infer<typeof CreateDoctorInput>
