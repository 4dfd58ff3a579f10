import { z } from 'zod'
import { Instant, TEXT_LIMITS } from '../../core/input'
import { CONSULTATION_TYPES } from '../../db/schema/enums'

export const BookInput = z.object({
  doctor_id: z.string().trim().min(1, 'is required').max(40, 'is not a known doctor'),
  start: Instant,
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`),
})
export type BookInput = z.infer<typeof BookInput>
