import { and, desc, eq, gte, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { waitPreferenceColumns } from '../availability/offer-queries'
import { doctors, slotOffers, specialties, users, waitlistEntries } from '../../db/schema'

const doctorUser = alias(users, 'doctor_user')

export function insertEntryStatement(db: Db, entry: typeof waitlistEntries.$inferInsert) {
  return db.insert(waitlistEntries).values(entry)
}

// A patient's waitlists that still wait, with the doctor, and the offer held for each, if any.
export function patientEntriesStatement(db: Db, patientId: string, now: Date) {
  return db
    .select({
      id: waitlistEntries.id,
      doctorId: waitlistEntries.doctorId,
      doctorName: doctorUser.name,
      specialty: specialties.name,
      ...waitPreferenceColumns,
      reason: waitlistEntries.reason,
      status: waitlistEntries.status,
      createdAt: waitlistEntries.createdAt,
      offerId: slotOffers.id,
      offerStart: slotOffers.startAt,
      offerExpiresAt: slotOffers.expiresAt,
    })
    .from(waitlistEntries)
    .innerJoin(doctors, eq(doctors.id, waitlistEntries.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .leftJoin(slotOffers, and(eq(slotOffers.entryId, waitlistEntries.id), eq(slotOffers.status, 'open'), sql`${slotOffers.expiresAt} > ${now.getTime()}`))
    .where(and(eq(waitlistEntries.patientId, patientId), eq(waitlistEntries.status, 'waiting')))
    .orderBy(desc(waitlistEntries.createdAt))
    .limit(50)
}

/** The patient leaves: the entry stops waiting and any slot held for it is free again. */
export function leaveEntryStatements(db: Db, entryId: string, patientId: string, now: Date) {
  return [
    db
      .update(waitlistEntries)
      .set({ status: 'left', updatedAt: now })
      .where(and(eq(waitlistEntries.id, entryId), eq(waitlistEntries.patientId, patientId), eq(waitlistEntries.status, 'waiting')))
      .returning({ id: waitlistEntries.id, doctorId: waitlistEntries.doctorId }),
    db.update(slotOffers).set({ status: 'withdrawn', updatedAt: now }).where(and(eq(slotOffers.entryId, entryId), eq(slotOffers.patientId, patientId), eq(slotOffers.status, 'open'))),
  ] as const
}


// One offer with what taking it needs (the entry's reason, the doctor's name for pages).
export function offerStatement(db: Db, offerId: string) {
  return db
    .select({
      id: slotOffers.id,
      source: slotOffers.source,
      entryId: slotOffers.entryId,
      requestId: slotOffers.requestId,
      patientId: slotOffers.patientId,
      doctorId: slotOffers.doctorId,
      doctorName: doctorUser.name,
      startAt: slotOffers.startAt,
      endAt: slotOffers.endAt,
      type: slotOffers.type,
      status: slotOffers.status,
      expiresAt: slotOffers.expiresAt,
      appointmentId: slotOffers.appointmentId,
      reason: waitlistEntries.reason,
      timezone: waitlistEntries.timezone,
      // Who it is for, as a booking names them (the one-tap link books without a session).
      patientName: users.name,
      patientEmail: users.email,
      patientActive: sql<boolean>`${users.status} = 'active'`.mapWith(Boolean),
    })
    .from(slotOffers)
    .innerJoin(users, eq(users.id, slotOffers.patientId))
    .innerJoin(doctors, eq(doctors.id, slotOffers.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
    .leftJoin(waitlistEntries, eq(waitlistEntries.id, slotOffers.entryId))
    .where(eq(slotOffers.id, offerId))
}

/** The patient's entry still waiting for this doctor, if any (one at a time). */
export function waitingEntryOfStatement(db: Db, patientId: string, doctorId: string, today: string) {
  return db
    .select({ id: waitlistEntries.id })
    .from(waitlistEntries)
    .where(and(eq(waitlistEntries.patientId, patientId), eq(waitlistEntries.doctorId, doctorId), eq(waitlistEntries.status, 'waiting'), gte(waitlistEntries.toDate, today)))
}
