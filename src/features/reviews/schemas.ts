import { z } from 'zod'
import { TEXT_LIMITS } from '../../core/input'
import { REVIEW_STATUSES } from '../../db/schema/enums'

export const REVIEW_TEXT_MAX = 2000

export const ReviewInput = z.object({
  rating: z.coerce.number('must be 1 to 5 stars').int('must be 1 to 5 stars').min(1, 'must be 1 to 5 stars').max(5, 'must be 1 to 5 stars'),
  comment: z.string().trim().max(REVIEW_TEXT_MAX, `must be at most ${REVIEW_TEXT_MAX} characters`).optional(),
  anonymous: z.boolean('must be true or false').default(false),
})
export type ReviewInput = z.infer<typeof ReviewInput>

const Reason = z.string().trim().min(3, 'must say why, at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`)

export const ReplyInput = z.object({ reply: z.string().trim().min(2, 'must be at least 2 characters').max(REVIEW_TEXT_MAX, `must be at most ${REVIEW_TEXT_MAX} characters`) })
export const ReportInput = z.object({ reason: Reason })
export const ModerationInput = z.object({ reason: Reason })

export const ModerationQuery = z.object({
  status: z.enum(['queue', ...REVIEW_STATUSES], 'must be queue, published, hidden or flagged').default('queue'),
  cursor: z.string().max(300, 'is not a valid cursor').optional(),
})
export type ModerationQuery = z.infer<typeof ModerationQuery>
