import { z } from 'zod'
import { CONSULTATION_TYPES } from '../../db/schema/enums'

// "2027-03-14T14:30:00Z": an instant in UTC, to the minute or second, as API.md fixes.
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?Z$/, 'must be a UTC instant like 2027-03-14T14:30:00Z')
  .refine((s) => !Number.isNaN(Date.parse(s)), 'is not a real instant')
  .transform((s) => new Date(s))

export const BookInput = z.object({
  doctor_id: z.string().trim().min(1, 'is required').max(40, 'is not a known doctor'),
  start: Instant,
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(1000, 'must be at most 1000 characters'),
})
export type BookInput = z.infer<typeof BookInput>

export const IdempotencyKey = z.string().min(1).max(255)
