import { and, asc, eq, gt, gte, inArray, lte, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { consultationRequests, doctors, slotOffers, users, waitlistEntries } from '../../db/schema'
import { slotIsFree } from './queries'

const doctorUser = alias(users, 'doctor_user')

// What suits a waiting patient (waitlist-matching.ts reads these), and the kind of visit.
export const waitPreferenceColumns = {
  fromDate: waitlistEntries.fromDate,
  toDate: waitlistEntries.toDate,
  weekdays: waitlistEntries.weekdays,
  timesOfDay: waitlistEntries.timesOfDay,
  timezone: waitlistEntries.timezone,
  type: waitlistEntries.type,
}

// Waiting entries of these doctors whose range is not over (`sinceDay`: the earliest "today" in
// any zone), first come first; with the patient to tell and the starts each was offered before.
const waitingOf = (doctorIds: string[], sinceDay: string) => and(inArray(waitlistEntries.doctorId, doctorIds), eq(waitlistEntries.status, 'waiting'), gte(waitlistEntries.toDate, sinceDay))

export function offerCandidatesStatements(db: Db, doctorIds: string[], sinceDay: string, now: Date) {
  return [
    db
      .select({
        id: waitlistEntries.id,
        patientId: waitlistEntries.patientId,
        patientName: users.name,
        patientEmail: users.email,
        doctorId: waitlistEntries.doctorId,
        doctorName: doctorUser.name,
        ...waitPreferenceColumns,
      })
      .from(waitlistEntries)
      .innerJoin(users, eq(users.id, waitlistEntries.patientId))
      .innerJoin(doctors, eq(doctors.id, waitlistEntries.doctorId))
      .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
      .where(waitingOf(doctorIds, sinceDay))
      .orderBy(asc(waitlistEntries.createdAt), asc(waitlistEntries.id))
      .limit(200),
    db
      .select({ entryId: slotOffers.entryId, startAt: slotOffers.startAt, live: sql<number>`${slotOffers.status} = 'open' and ${slotOffers.expiresAt} > ${now.getTime()}` })
      .from(slotOffers)
      .where(inArray(slotOffers.entryId, db.select({ id: waitlistEntries.id }).from(waitlistEntries).where(waitingOf(doctorIds, sinceDay)))),
  ] as const
}

/**
 * A freed slot held for a waiting patient, written only if it is still free (no appointment, no
 * other hold: availability's rule), the entry still waits with no open offer, and this entry was
 * never offered this start.
 */
export function insertWaitlistOfferIfFree(db: Db, offer: { id: string; entryId: string; patientId: string; doctorId: string; startAt: Date; endAt: Date; type: string; expiresAt: Date; bufferMinutes: number; now: Date }) {
  const free = slotIsFree({ doctorId: offer.doctorId, startAt: offer.startAt, endAt: offer.endAt, bufferMinutes: offer.bufferMinutes, now: offer.now })
  const at = offer.now.getTime()
  return db.run(sql`
    insert into ${slotOffers} (id, source, entry_id, patient_id, doctor_id, start_at, end_at, type, status, expires_at, created_at, updated_at)
    select ${offer.id}, 'waitlist', ${offer.entryId}, ${offer.patientId}, ${offer.doctorId}, ${offer.startAt.getTime()}, ${offer.endAt.getTime()}, ${offer.type}, 'open', ${offer.expiresAt.getTime()}, ${at}, ${at}
    where ${free}
      and exists (select 1 from ${waitlistEntries} where ${waitlistEntries.id} = ${offer.entryId} and ${waitlistEntries.status} = 'waiting')
      and not exists (select 1 from ${slotOffers} as mine where mine.entry_id = ${offer.entryId} and (mine.status = 'open' or mine.start_at = ${offer.startAt.getTime()}))`)
}

/**
 * A slot a doctor proposes for a consultation request, held for its patient: written only if the
 * slot is free (availability's rule) and the request still waits for a time. The request's earlier
 * proposal, if any, is withdrawn in the same batch first, if the new slot is free but for it.
 */
export function insertProposalIfFree(db: Db, offer: { id: string; requestId: string; patientId: string; doctorId: string; startAt: Date; endAt: Date; type: string; expiresAt: Date; bufferMinutes: number; now: Date }) {
  const free = slotIsFree({ doctorId: offer.doctorId, startAt: offer.startAt, endAt: offer.endAt, bufferMinutes: offer.bufferMinutes, now: offer.now })
  const at = offer.now.getTime()
  return db.run(sql`
    insert into ${slotOffers} (id, source, request_id, patient_id, doctor_id, start_at, end_at, type, status, expires_at, created_at, updated_at)
    select ${offer.id}, 'request', ${offer.requestId}, ${offer.patientId}, ${offer.doctorId}, ${offer.startAt.getTime()}, ${offer.endAt.getTime()}, ${offer.type}, 'open', ${offer.expiresAt.getTime()}, ${at}, ${at}
    where ${free}
      and exists (select 1 from ${consultationRequests} where ${consultationRequests.id} = ${offer.requestId} and ${consultationRequests.status} in ('open', 'proposed'))`)
}

/** The request's open proposal is withdrawn (when a new one is made: only if `newSlotFree`). */
export function withdrawProposalStatement(db: Db, requestId: string, now: Date, newSlotFree?: SQL) {
  return db
    .update(slotOffers)
    .set({ status: 'withdrawn', updatedAt: now })
    .where(and(eq(slotOffers.requestId, requestId), eq(slotOffers.status, 'open'), newSlotFree))
}

/** Requests whose proposed time expired untaken wait for a doctor again. */
export function reopenRequestsStatement(db: Db, now: Date) {
  return db.run(sql`update ${consultationRequests} set status = 'open', updated_at = ${now.getTime()}
    where ${consultationRequests.status} = 'proposed'
      and not exists (select 1 from ${slotOffers} as proposal where proposal.request_id = ${sql.raw('"consultation_requests"."id"')} and proposal.status = 'open')`)
}

export const offerWritten = (offerId: string): SQL => sql`exists (select 1 from ${slotOffers} where ${slotOffers.id} = ${offerId})`

/** Offers not taken in time: expired, with the doctors whose slots they held (to pass them on). */
export function expireOffersStatement(db: Db, now: Date, limit: number) {
  return db
    .update(slotOffers)
    .set({ status: 'expired', updatedAt: now })
    .where(inArray(slotOffers.id, db.select({ id: slotOffers.id }).from(slotOffers).where(and(eq(slotOffers.status, 'open'), lte(slotOffers.expiresAt, now))).limit(limit)))
    .returning({ id: slotOffers.id, doctorId: slotOffers.doctorId, source: slotOffers.source, requestId: slotOffers.requestId })
}

/** Entries whose last day is over everywhere (`beforeDay`: the earliest "today" on Earth). */
export function expireEntriesStatement(db: Db, beforeDay: string, now: Date) {
  return db
    .update(waitlistEntries)
    .set({ status: 'expired', updatedAt: now })
    .where(and(eq(waitlistEntries.status, 'waiting'), sql`${waitlistEntries.toDate} < ${beforeDay}`))
}

/** Doctors with patients waiting (the sweep offers their free slots). */
export function doctorsWithWaitingStatement(db: Db, sinceDay: string, limit: number) {
  return db
    .selectDistinct({ doctorId: waitlistEntries.doctorId })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.status, 'waiting'), gte(waitlistEntries.toDate, sinceDay)))
    .limit(limit)
}

/** How many patients wait for a doctor now. */
export function waitingCountStatement(db: Db, doctorId: string, today: string) {
  return db
    .select({ count: sql<number>`count(*)` })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.doctorId, doctorId), eq(waitlistEntries.status, 'waiting'), gte(waitlistEntries.toDate, today)))
}

/** Taking an offer, in the booking's batch: written only if the appointment was. */
export function offerTakenStatements(db: Db, offer: { id: string; entryId: string | null; requestId: string | null }, appointmentId: string, appointmentWritten: SQL, now: Date) {
  return [
    db.run(sql`update ${slotOffers} set status = 'taken', appointment_id = ${appointmentId}, updated_at = ${now.getTime()}
      where ${slotOffers.id} = ${offer.id} and ${slotOffers.status} = 'open' and ${appointmentWritten}`),
    ...(offer.entryId
      ? [db.run(sql`update ${waitlistEntries} set status = 'booked', updated_at = ${now.getTime()} where ${waitlistEntries.id} = ${offer.entryId} and ${waitlistEntries.status} = 'waiting' and ${appointmentWritten}`)]
      : []),
    ...(offer.requestId
      ? [db.run(sql`update ${consultationRequests} set status = 'booked', appointment_id = ${appointmentId}, updated_at = ${now.getTime()} where ${consultationRequests.id} = ${offer.requestId} and ${appointmentWritten}`)]
      : []),
  ]
}

/** The patient's own open offer of this very slot, if any (their booking takes it). */
export function heldForPatientStatement(db: Db, patientId: string, doctorId: string, startAt: Date, now: Date) {
  return db
    .select({ id: slotOffers.id, entryId: slotOffers.entryId, requestId: slotOffers.requestId })
    .from(slotOffers)
    .where(and(eq(slotOffers.patientId, patientId), eq(slotOffers.doctorId, doctorId), eq(slotOffers.startAt, startAt), eq(slotOffers.status, 'open'), gt(slotOffers.expiresAt, now)))
}
