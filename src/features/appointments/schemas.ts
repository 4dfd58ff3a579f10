import { z } from 'zod'
import { Instant, IsoDate, TEXT_LIMITS } from '../../core/input'
import { APPOINTMENT_STATUSES, CONSULTATION_TYPES } from '../../db/schema/enums'

export const BookInput = z.object({
  doctor_id: z.string().trim().min(1, 'is required').max(40, 'is not a known doctor'),
  start: Instant,
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`),
})
export type BookInput = z.infer<typeof BookInput>

// The admins' appointments table, all in the URL: find by patient, doctor or id; filter; sort; page.
export const AdminAppointmentsQuery = z.object({
  q: z.string().trim().max(TEXT_LIMITS.search, `must be at most ${TEXT_LIMITS.search} characters`).optional(),
  status: z.enum(APPOINTMENT_STATUSES, 'is not a status').optional(),
  doctor: z.string().trim().max(40, 'is not a doctor id').optional(),
  specialty: z.string().trim().max(40, 'is not a specialty id').optional(),
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person').optional(),
  clinic: z.string().trim().max(40, 'is not a clinic id').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: z.enum(['start', 'created'], 'is not a column to sort by').default('start'),
  dir: z.enum(['asc', 'desc'], 'must be asc or desc').default('desc'),
  cursor: z.string().max(300, 'is not a valid cursor').optional(),
})
export type AdminAppointmentsQuery = z.infer<typeof AdminAppointmentsQuery>
