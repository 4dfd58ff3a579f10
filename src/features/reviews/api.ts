import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { jsonBody, queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { toApiReview, toApiReviewDetail } from './present'
import { ModerationInput, ModerationQuery, ReplyInput, ReportInput, ReviewInput } from './schemas'
import { moderateReview, moderationList, myReviews, publicReviews, replyToReview, reportReview, writeReview } from './service'

export const reviewsApi = new Hono<AppEnv>()

const Cursor = z.object({ cursor: z.string().max(300, 'is not a valid cursor').optional() })

reviewsApi.post('/appointments/:id/review', requireRole('patient'), jsonBody(ReviewInput), async (c) =>
  c.json({ review: toApiReviewDetail(await writeReview(c.var.ctx, c.req.param('id'), c.req.valid('json'))) }, 201),
)

// Public: a doctor's published reviews, newest first, with the spread of stars.
reviewsApi.get('/doctors/:id/reviews', queryParams(Cursor), async (c) => {
  const page = await publicReviews(c.var.ctx, c.req.param('id'), c.req.valid('query').cursor)
  return c.json({ rating: page.rating, review_count: page.reviewCount, distribution: page.distribution, items: page.items.map(toApiReview), next_cursor: page.nextCursor })
})

reviewsApi.get('/doctor/reviews', requireRole('doctor'), queryParams(Cursor), async (c) => {
  const page = await myReviews(c.var.ctx, c.req.valid('query').cursor)
  return c.json({ items: page.items.map(toApiReviewDetail), next_cursor: page.nextCursor })
})

reviewsApi.post('/reviews/:id/reply', requireRole('doctor'), jsonBody(ReplyInput), async (c) => c.json({ review: toApiReviewDetail(await replyToReview(c.var.ctx, c.req.param('id'), c.req.valid('json').reply)) }))

reviewsApi.post('/reviews/:id/report', jsonBody(ReportInput), async (c) => {
  await reportReview(c.var.ctx, c.req.param('id'), c.req.valid('json').reason)
  return c.body(null, 204)
})

reviewsApi.get('/admin/reviews', requireRole('admin:super', 'admin:support'), queryParams(ModerationQuery), async (c) => {
  const page = await moderationList(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map(toApiReviewDetail), next_cursor: page.nextCursor })
})

reviewsApi.post('/admin/reviews/:id/:decision{publish|hide}', requireRole('admin:super', 'admin:support'), jsonBody(ModerationInput), async (c) => {
  const status = c.req.param('decision') === 'publish' ? 'published' : 'hidden'
  return c.json({ review: toApiReviewDetail(await moderateReview(c.var.ctx, c.req.param('id'), { status, reason: c.req.valid('json').reason })) })
})
