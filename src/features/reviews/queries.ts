import { and, eq, isNotNull, isNull, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { appointments, doctors, reviews, users } from '../../db/schema'
import type { REVIEW_STATUSES } from '../../db/schema/enums'
import { keysetAfter, keysetOrder } from '../../core/table-queries'

const author = alias(users, 'author')
const doctorUser = alias(users, 'doctor_user')

// A review with its author's name (shown as a first name and initial, or not at all) and doctor.
function reviewSelect(db: Db) {
  return db
    .select({
      id: reviews.id,
      appointmentId: reviews.appointmentId,
      patientId: reviews.patientId,
      authorName: author.name,
      doctorId: reviews.doctorId,
      doctorUserId: doctors.userId,
      doctorName: doctorUser.name,
      rating: reviews.rating,
      comment: reviews.comment,
      anonymous: reviews.anonymous,
      status: reviews.status,
      reply: reviews.reply,
      repliedAt: reviews.repliedAt,
      reportedAt: reviews.reportedAt,
      reportReason: reviews.reportReason,
      moderatedAt: reviews.moderatedAt,
      moderationReason: reviews.moderationReason,
      createdAt: reviews.createdAt,
    })
    .from(reviews)
    .innerJoin(author, eq(author.id, reviews.patientId))
    .innerJoin(doctors, eq(doctors.id, reviews.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
}
export type ReviewRow = Awaited<ReturnType<ReturnType<typeof reviewSelect>['execute']>>[number]

export const reviewStatement = (db: Db, id: string) => reviewSelect(db).where(eq(reviews.id, id))

type Position = { v: number; id: string }
const newestFirst = keysetOrder(reviews.createdAt, reviews.id, 'desc')

/** A doctor's published reviews, newest first, a page (one more than `size`) after `after`. */
export function publishedReviewsStatement(db: Db, doctorId: string, size: number, after?: Position) {
  return reviewSelect(db)
    .where(and(eq(reviews.doctorId, doctorId), eq(reviews.status, 'published'), keysetAfter(reviews.createdAt, reviews.id, 'desc', after)))
    .orderBy(...newestFirst)
    .limit(size + 1)
}

/** How many published reviews of the doctor give each number of stars. */
export function distributionStatement(db: Db, doctorId: string) {
  return db
    .select({ rating: reviews.rating, count: sql<number>`count(*)` })
    .from(reviews)
    .where(and(eq(reviews.doctorId, doctorId), eq(reviews.status, 'published')))
    .groupBy(reviews.rating)
}

/** Every review of a doctor (theirs to read and answer), newest first. */
export function doctorReviewsStatement(db: Db, doctorId: string, size: number, after?: Position) {
  return reviewSelect(db)
    .where(and(eq(reviews.doctorId, doctorId), keysetAfter(reviews.createdAt, reviews.id, 'desc', after)))
    .orderBy(...newestFirst)
    .limit(size + 1)
}

// Waiting for a moderator: held for its words, or reported since it was last decided.
const inQueue = or(eq(reviews.status, 'flagged'), and(isNotNull(reviews.reportedAt), or(isNull(reviews.moderatedAt), sql`${reviews.reportedAt} > ${reviews.moderatedAt}`)))

export function moderationStatement(db: Db, filter: 'queue' | (typeof REVIEW_STATUSES)[number], size: number, after?: Position) {
  return reviewSelect(db)
    .where(and(filter === 'queue' ? inQueue : eq(reviews.status, filter), keysetAfter(reviews.createdAt, reviews.id, 'desc', after)))
    .orderBy(...newestFirst)
    .limit(size + 1)
}

/** The appointment a review would be of, as its patient sees it (none for anyone else). */
export function reviewableStatement(db: Db, appointmentId: string, patientId: string) {
  return db
    .select({ id: appointments.id, doctorId: appointments.doctorId, doctorUserId: doctors.userId, doctorName: doctorUser.name, status: appointments.status, endAt: appointments.endAt, reviewId: reviews.id })
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
    .leftJoin(reviews, eq(reviews.appointmentId, appointments.id))
    .where(and(eq(appointments.id, appointmentId), eq(appointments.patientId, patientId)))
}

// The review, written only if its appointment is the patient's, completed, and ended after
// `since` (the review window); the unique index on the appointment keeps it to one.
export function insertReviewIfAllowed(db: Db, review: { id: string; appointmentId: string; patientId: string; doctorId: string; rating: number; comment: string | null; anonymous: boolean; status: 'published' | 'flagged'; since: Date; now: Date }) {
  const at = review.now.getTime()
  return db.run(sql`
    insert into ${reviews} (id, appointment_id, patient_id, doctor_id, rating, comment, anonymous, status, created_at, updated_at)
    select ${review.id}, ${review.appointmentId}, ${review.patientId}, ${review.doctorId}, ${review.rating}, ${review.comment}, ${review.anonymous ? 1 : 0}, ${review.status}, ${at}, ${at}
    where exists (select 1 from ${appointments} where ${appointments.id} = ${review.appointmentId} and ${appointments.patientId} = ${review.patientId}
      and ${appointments.status} = 'completed' and ${appointments.endAt} >= ${review.since.getTime()})`)
}

/**
 * The doctor's rating and review count from their published reviews, in the batch of the change
 * that moved them: each batch is a transaction and SQLite writes one at a time, so concurrent
 * reviews leave the totals right.
 */
export function recomputeRatingStatement(db: Db, doctorId: string) {
  const published = sql`from ${reviews} where ${reviews.doctorId} = ${doctorId} and ${reviews.status} = 'published'`
  return db
    .update(doctors)
    .set({ ratingAverage: sql`(select avg(${reviews.rating}) ${published})`, reviewCount: sql`(select count(*) ${published})` })
    .where(eq(doctors.id, doctorId))
}

export const reviewWritten = (id: string): SQL => sql`exists (select 1 from ${reviews} where ${reviews.id} = ${id})`
// The reply written by this very request (its instant), not one from before.
export const replyWritten = (id: string, now: Date): SQL => sql`exists (select 1 from ${reviews} where ${reviews.id} = ${id} and ${reviews.repliedAt} = ${now.getTime()})`

/** The doctor's one reply, written only if there is none yet. */
export function replyStatement(db: Db, id: string, doctorId: string, reply: string, now: Date) {
  return db
    .update(reviews)
    .set({ reply, repliedAt: now, updatedAt: now })
    .where(and(eq(reviews.id, id), eq(reviews.doctorId, doctorId), isNull(reviews.reply)))
    .returning({ id: reviews.id })
}

/** A report of a published review (the first report stands until a moderator decides). */
export function reportStatement(db: Db, id: string, reporterId: string, reason: string, now: Date) {
  return db
    .update(reviews)
    .set({ reportedAt: now, reportedBy: reporterId, reportReason: reason, updatedAt: now })
    .where(and(eq(reviews.id, id), eq(reviews.status, 'published'), or(isNull(reviews.reportedAt), sql`${reviews.reportedAt} <= coalesce(${reviews.moderatedAt}, 0)`)))
}

export function moderateStatement(db: Db, id: string, decision: { status: 'published' | 'hidden'; reason: string; moderatorId: string; now: Date }) {
  return db
    .update(reviews)
    .set({ status: decision.status, moderationReason: decision.reason, moderatedBy: decision.moderatorId, moderatedAt: decision.now, updatedAt: decision.now })
    .where(eq(reviews.id, id))
    .returning({ id: reviews.id })
}

/** A listed doctor's rating and review count (as search shows them); none for anyone unlisted. */
export function doctorRatingStatement(db: Db, doctorId: string) {
  return db
    .select({ id: doctors.id, name: doctorUser.name, rating: doctors.ratingAverage, reviewCount: doctors.reviewCount })
    .from(doctors)
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
    .where(and(eq(doctors.id, doctorId), eq(doctors.status, 'verified')))
}
