import { z } from 'zod'
import { ListQuery } from '../../core/input'

export const PatientsQuery = ListQuery.extend({
  q: z.string().trim().max(100).optional(),
})

export const PatientCursorShape = z.object({ name: z.string().max(300), id: z.string().max(64) })
export const AccessCursorShape = z.object({ at: z.number().int(), id: z.string().max(64) })
