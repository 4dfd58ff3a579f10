import { z } from 'zod'
import { Instant, TEXT_LIMITS } from '../../core/input'
import { CONSULTATION_TYPES } from '../../db/schema/enums'

export const PROBLEM_MAX = 2000

export const AskInput = z.object({
  doctor_id: z.string().trim().min(1, 'is required').max(40, 'is not a known doctor'),
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
  problem: z.string().trim().min(10, 'must describe the problem in at least 10 characters').max(PROBLEM_MAX, `must be at most ${PROBLEM_MAX} characters`),
  preferred_times: z.string().trim().min(3, 'must say when suits you, at least 3 characters').max(500, 'must be at most 500 characters'),
})
export type AskInput = z.infer<typeof AskInput>

export const ProposeInput = z.object({ start: Instant })
export const DeclineInput = z.object({ reason: z.string().trim().min(3, 'must say why, at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`) })
