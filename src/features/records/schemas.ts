import { z } from 'zod'

export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
})

export const PatientsQuery = ListQuery.extend({
  q: z.string().trim().max(100).optional(),
})

export const PatientCursorShape = z.object({ name: z.string().max(300), id: z.string().max(64) })
export const AccessCursorShape = z.object({ at: z.number().int(), id: z.string().max(64) })
