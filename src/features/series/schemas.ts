import { z } from 'zod'
import { Instant, TEXT_LIMITS } from '../../core/input'
import { CONSULTATION_TYPES, SERIES_FREQUENCIES } from '../../db/schema/enums'

export const MAX_OCCURRENCES = 26

export const SeriesInput = z.object({
  patient_id: z.string().trim().min(1, 'is required').max(40, 'is not a known patient'),
  start: Instant,
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
  frequency: z.enum(SERIES_FREQUENCIES, 'must be weekly or biweekly'),
  occurrences: z.coerce.number('must be a number').int('must be a whole number').min(2, 'must be at least 2').max(MAX_OCCURRENCES, `must be at most ${MAX_OCCURRENCES}`),
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`),
})
export type SeriesInput = z.infer<typeof SeriesInput>

export const CancelRestInput = z.object({
  // The first occurrence to cancel (it and every later one); none: every one still to come.
  from: z.string().trim().max(40, 'is not an appointment').optional(),
  reason: z.string().trim().max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`).optional(),
})
