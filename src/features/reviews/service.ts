import { z } from 'zod'
import { isSupportAgent } from '../../core/actor'
import { actorAuditStatement } from '../../core/audit'
import { requireActor, requireDoctor, type RequestContext } from '../../core/context'
import { noticesStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { settingsOf } from '../../core/settings-of'
import { isUniqueViolation } from '../../db/errors'
import { decodeCursor } from '../../lib/cursor'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { DAY_MS } from '../../lib/time'
import { pageOf } from '../../core/keyset-pages'
import {
  distributionStatement,
  doctorRatingStatement,
  doctorReviewsStatement,
  insertReviewIfAllowed,
  moderateStatement,
  moderationStatement,
  publishedReviewsStatement,
  recomputeRatingStatement,
  replyStatement,
  reportStatement,
  reviewableStatement,
  reviewStatement,
  replyWritten,
  reviewWritten,
  type ReviewRow,
} from './queries'
import type { ModerationQuery, ReviewInput } from './schemas'

// Reviews: a patient rates a completed visit once, within the review window; the doctor answers
// once; words on the flagged list, or a report, send a review to the moderators. The doctor's
// rating moves in the batch of every change that moves it.

export const REVIEW_WINDOW_DAYS = 60
const PAGE = 10
const Position = z.object({ v: z.number(), id: z.string() })
const positionOf = (r: ReviewRow) => ({ v: r.createdAt.getTime(), id: r.id })

/** Whether a text holds a flagged word or phrase (whole words, any case). */
export function hasFlaggedWords(text: string, words: readonly string[]) {
  const lower = text.toLowerCase()
  return words.some((word) => new RegExp(`(^|[^\\p{L}\\p{N}])${word.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}($|[^\\p{L}\\p{N}])`, 'u').test(lower))
}

/** Whether the patient may still review this visit, and why not otherwise. */
export async function reviewability(ctx: RequestContext, appointmentId: string) {
  const patient = requireActor(ctx)
  const [visit] = await reviewableStatement(ctx.db, appointmentId, patient.id)
  if (!visit) throw new NotFoundError('No such appointment.')
  const since = new Date(ctx.now.getTime() - REVIEW_WINDOW_DAYS * DAY_MS)
  const refusal = visit.reviewId
    ? 'You have already reviewed this visit.'
    : visit.status !== 'completed'
      ? 'A visit can be reviewed once it is completed.'
      : visit.endAt < since
        ? `Visits can be reviewed for ${REVIEW_WINDOW_DAYS} days after they happen.`
        : undefined
  return { visit, refusal, since }
}

/** The patient's review of a completed visit: published, or held for moderation by its words. */
export async function writeReview(ctx: RequestContext, appointmentId: string, input: ReviewInput) {
  const patient = requireActor(ctx)
  if (patient.role !== 'patient') throw new ForbiddenError('Only the patient of a visit reviews it.')
  const { visit, refusal, since } = await reviewability(ctx, appointmentId)
  if (refusal) throw new ConflictError(refusal, visit.reviewId ? 'already_reviewed' : 'not_reviewable')
  const comment = input.comment || null
  const held = comment !== null && hasFlaggedWords(comment, (await settingsOf(ctx))['reviews.flagged_words'])
  const id = newId('rev')
  const notices: Notice[] = held ? [] : [{ userId: visit.doctorUserId, kind: 'review', title: `A new ${input.rating}-star review`, link: '/doctor/reviews' }]
  try {
    const [inserted] = await ctx.db.batch([
      insertReviewIfAllowed(ctx.db, { id, appointmentId, patientId: patient.id, doctorId: visit.doctorId, rating: input.rating, comment, anonymous: input.anonymous, status: held ? 'flagged' : 'published', since, now: ctx.now }),
      recomputeRatingStatement(ctx.db, visit.doctorId),
      ...noticesStatements(ctx, notices, reviewWritten(id)),
    ])
    if (inserted.rowsAffected === 0) throw new ConflictError('This visit can no longer be reviewed.', 'not_reviewable')
  } catch (err) {
    if (isUniqueViolation(err, 'reviews')) throw new ConflictError('You have already reviewed this visit.', 'already_reviewed')
    throw err
  }
  afterNotices(ctx, notices)
  return loadReview(ctx, id)
}

async function loadReview(ctx: RequestContext, id: string) {
  const [row] = await reviewStatement(ctx.db, id)
  if (!row) throw new NotFoundError('No such review.')
  return row
}

/** A listed doctor's published reviews, a page at a time, with their rating and how the stars are spread. */
export async function publicReviews(ctx: RequestContext, doctorId: string, cursor?: string) {
  const [doctor, rows, distribution] = await ctx.db.batch([
    doctorRatingStatement(ctx.db, doctorId),
    publishedReviewsStatement(ctx.db, doctorId, PAGE, decodeCursor(cursor, Position)),
    distributionStatement(ctx.db, doctorId),
  ])
  if (!doctor[0]) throw new NotFoundError('No such doctor.')
  return { ...pageOf(rows, PAGE, positionOf), doctor: { id: doctor[0].id, name: doctor[0].name }, rating: roundedRating(doctor[0].rating), reviewCount: doctor[0].reviewCount, distribution: spread(distribution) }
}

// One decimal, as search shows it.
export const roundedRating = (rating: number | null) => (rating === null ? null : Math.round(rating * 10) / 10)

// Statements for a page that shows a doctor's latest reviews with the rest of its data.
export const latestReviewsStatements = (ctx: RequestContext, doctorId: string, size: number) => [publishedReviewsStatement(ctx.db, doctorId, size), distributionStatement(ctx.db, doctorId)] as const

/** Counts per number of stars, 5 to 1, zeros included. */
export function spread(rows: { rating: number; count: number }[]) {
  return [5, 4, 3, 2, 1].map((stars) => ({ stars, count: rows.find((r) => r.rating === stars)?.count ?? 0 }))
}

/** The signed-in doctor's reviews, every status, newest first. */
export async function myReviews(ctx: RequestContext, cursor?: string) {
  const doctor = requireDoctor(ctx)
  return pageOf(await doctorReviewsStatement(ctx.db, doctor.doctorId, PAGE, decodeCursor(cursor, Position)), PAGE, positionOf)
}

/** The doctor's one public reply to a review of them. */
export async function replyToReview(ctx: RequestContext, id: string, reply: string) {
  const doctor = requireDoctor(ctx)
  const review = await loadReview(ctx, id)
  if (review.doctorId !== doctor.doctorId) throw new NotFoundError('No such review.')
  const notices: Notice[] = [{ userId: review.patientId, kind: 'review', title: `${doctor.name} replied to your review`, link: `/doctors/${review.doctorId}/reviews` }]
  const [written] = await ctx.db.batch([replyStatement(ctx.db, id, doctor.doctorId, reply, ctx.now), ...noticesStatements(ctx, notices, replyWritten(id, ctx.now))])
  if (written.length === 0) throw new ConflictError('You have already replied to this review.', 'already_replied')
  afterNotices(ctx, notices)
  return loadReview(ctx, id)
}

/** Anyone signed in may report a published review; it waits for a moderator (and stays up meanwhile). */
export async function reportReview(ctx: RequestContext, id: string, reason: string) {
  const reporter = requireActor(ctx)
  const review = await loadReview(ctx, id)
  if (review.status !== 'published') throw new NotFoundError('No such review.')
  await reportStatement(ctx.db, id, reporter.id, reason, ctx.now)
  return review.doctorId
}

function requireModerator(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (!isSupportAgent(actor)) throw new ForbiddenError('Only support and super admins moderate reviews.')
  return actor
}

/** The moderators' list: the queue (flagged or reported), or reviews by status. */
export async function moderationList(ctx: RequestContext, query: ModerationQuery) {
  requireModerator(ctx)
  return pageOf(await moderationStatement(ctx.db, query.status, PAGE, decodeCursor(query.cursor, Position)), PAGE, positionOf)
}

/** A moderator publishes or hides a review, with the reason; audited, and the rating follows. */
export async function moderateReview(ctx: RequestContext, id: string, decision: { status: 'published' | 'hidden'; reason: string }) {
  const moderator = requireModerator(ctx)
  const review = await loadReview(ctx, id)
  await ctx.db.batch([
    moderateStatement(ctx.db, id, { ...decision, moderatorId: moderator.id, now: ctx.now }),
    recomputeRatingStatement(ctx.db, review.doctorId),
    actorAuditStatement(ctx, { action: decision.status === 'published' ? 'review.published' : 'review.hidden', entityType: 'review', entityId: id, subjectUserId: review.patientId, metadata: { from: review.status, reason: decision.reason } }),
  ])
  return loadReview(ctx, id)
}
