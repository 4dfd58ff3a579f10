import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { DoctorReviewsPage } from '../../../views/reviews/doctor-reviews-page'
import { ModerationPage } from '../../../views/reviews/moderation-page'
import { ReviewFormPage } from '../../../views/reviews/review-form-page'
import { ReviewsPage } from '../../../views/reviews/reviews-page'
import { handleForm, refusalSentence } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { FormState } from '../../core/shapes'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { toApiReview, toApiReviewDetail } from './present'
import { ModerationInput, ModerationQuery, ReplyInput, ReportInput, ReviewInput } from './schemas'
import { moderateReview, moderationList, myReviews, publicReviews, replyToReview, reportReview, reviewability, writeReview } from './service'

export const reviewRoutes = new Hono<AppEnv>()

reviewRoutes.use('/appointments/:id/review', requireRole('patient'))
reviewRoutes.use('/doctor/reviews', requireRole('doctor'))
reviewRoutes.use('/reviews/:id/reply', requireRole('doctor'))
reviewRoutes.use('/admin/reviews', requireRole('admin:super', 'admin:support'))
reviewRoutes.use('/admin/reviews/*', requireRole('admin:super', 'admin:support'))

const zone = (c: Context<AppEnv>) => viewerTimeZone(c, c.var.ctx.actor?.timezone ?? 'UTC').timezone
const cursorOf = (c: Context<AppEnv>) => z.string().max(300).optional().catch(undefined).parse(c.req.query('cursor'))

async function renderReviewForm(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const { visit, refusal } = await reviewability(c.var.ctx, c.req.param('id')!)
  return renderView(c, { title: 'Review your visit', body: <ReviewFormPage appointmentId={visit.id} doctorName={visit.doctorName} refusal={state ? undefined : refusal} state={state} />, status: refusal && !state ? 409 : status })
}

reviewRoutes.get('/appointments/:id/review', (c) => renderReviewForm(c))

reviewRoutes.post('/appointments/:id/review', (c) =>
  handleForm(c, {
    schema: ReviewInput,
    input: (values) => ({ rating: values.rating, comment: values.comment, anonymous: values.anonymous === 'on' }),
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      const review = await writeReview(c.var.ctx, c.req.param('id'), input)
      return c.redirect(`/doctors/${review.doctorId}/reviews?done=${review.status === 'published' ? 'published' : 'held'}`, 303)
    },
    render: (state, refusal) => renderReviewForm(c, state, refusal.status),
  }),
)

const PUBLIC_NOTICES: Record<string, string> = {
  published: 'Thank you: your review is published.',
  held: 'Thank you: your review will appear once a moderator has read it.',
  reported: 'Thank you: a moderator will look at this review.',
}

reviewRoutes.get('/doctors/:id/reviews', async (c) => {
  const page = await publicReviews(c.var.ctx, c.req.param('id'), cursorOf(c))
  return renderView(c, {
    title: `Reviews of ${page.doctor.name}`,
    body: (
      <ReviewsPage
        doctor={page.doctor}
        rating={page.rating}
        reviewCount={page.reviewCount}
        distribution={page.distribution}
        items={page.items.map(toApiReview)}
        nextCursor={page.nextCursor}
        timezone={zone(c)}
        signedIn={Boolean(c.var.ctx.actor)}
        notice={PUBLIC_NOTICES[c.req.query('done') ?? '']}
      />
    ),
  })
})

reviewRoutes.post('/reviews/:id/report', (c) =>
  handleForm(c, {
    schema: ReportInput,
    submit: async (input) => {
      const doctorId = await reportReview(c.var.ctx, c.req.param('id'), input.reason)
      return c.redirect(`/doctors/${doctorId}/reviews?done=reported`, 303)
    },
    rethrow: (e) => e.status === 404,
    // Only a reason under 3 characters gets here (the form asks for 3): say so plainly.
    render: (state, refusal) =>
      renderView(c, {
        title: 'Report a review',
        body: (
          <section class="narrow">
            <h1>Report a review</h1>
            <p class="notice error" role="alert">
              Please say in a few words what is wrong with the review. {refusalSentence(state)} Go back and try again.
            </p>
          </section>
        ),
        status: refusal.status,
      }),
  }),
)

async function renderMine(c: Context<AppEnv>, options: { error?: string; status?: ViewStatus } = {}) {
  const page = await myReviews(c.var.ctx, cursorOf(c))
  const notice = c.req.query('done') === 'replied' ? 'Your reply is published.' : undefined
  return renderView(c, { title: 'Your reviews', body: <DoctorReviewsPage items={page.items.map(toApiReviewDetail)} nextCursor={page.nextCursor} timezone={zone(c)} notice={notice} error={options.error} />, status: options.status })
}

reviewRoutes.get('/doctor/reviews', (c) => renderMine(c))

reviewRoutes.post('/reviews/:id/reply', (c) =>
  handleForm(c, {
    schema: ReplyInput,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await replyToReview(c.var.ctx, c.req.param('id'), input.reply)
      return c.redirect('/doctor/reviews?done=replied', 303)
    },
    render: (state, refusal) => renderMine(c, { error: refusalSentence(state), status: refusal.status }),
  }),
)

async function renderModeration(c: Context<AppEnv>, options: { error?: string; status?: ViewStatus } = {}) {
  const query = ModerationQuery.catch({ status: 'queue' }).parse(c.req.query())
  const page = await moderationList(c.var.ctx, query)
  const notice = c.req.query('done') ? `The review is ${c.req.query('done') === 'hide' ? 'hidden' : 'published'}.` : undefined
  return renderView(c, { title: 'Reviews', body: <ModerationPage items={page.items.map(toApiReviewDetail)} status={query.status} nextCursor={page.nextCursor} timezone={zone(c)} notice={notice} error={options.error} />, status: options.status })
}

reviewRoutes.get('/admin/reviews', (c) => renderModeration(c))

reviewRoutes.post('/admin/reviews/:id/moderate', (c) =>
  handleForm(c, {
    schema: ModerationInput.extend({ decision: z.enum(['publish', 'hide'], 'must be publish or hide') }),
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await moderateReview(c.var.ctx, c.req.param('id'), { status: input.decision === 'publish' ? 'published' : 'hidden', reason: input.reason })
      return c.redirect(`/admin/reviews?done=${input.decision}`, 303)
    },
    render: (state, refusal) => renderModeration(c, { error: refusalSentence(state), status: refusal.status }),
  }),
)
