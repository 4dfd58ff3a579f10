import { z } from 'zod'
import { ListQuery, TEXT_LIMITS } from '../../core/input'

export const PatientsQuery = ListQuery.extend({
  q: z.string().trim().max(TEXT_LIMITS.search).optional(),
})

export const PatientCursorShape = z.object({ name: z.string().max(300), id: z.string().max(64) })
export const AccessCursorShape = z.object({ at: z.number().int(), id: z.string().max(64) })
