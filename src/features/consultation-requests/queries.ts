import { and, asc, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { consultationRequests, doctors, patientProfiles, slotOffers, users } from '../../db/schema'

const patientUser = alias(users, 'patient_user')
const doctorUser = alias(users, 'doctor_user')

export function insertRequestStatement(db: Db, row: typeof consultationRequests.$inferInsert) {
  return db.insert(consultationRequests).values(row)
}

// A request with its two parties and the time held for the patient, if any.
function requestSelect(db: Db, now: Date) {
  return db
    .select({
      id: consultationRequests.id,
      patientId: consultationRequests.patientId,
      patientName: patientUser.name,
      patientEmail: patientUser.email,
      patientTimezone: sql<string>`coalesce(${patientProfiles.timezone}, 'UTC')`,
      doctorId: consultationRequests.doctorId,
      doctorUserId: doctors.userId,
      doctorClinicId: doctors.clinicId,
      doctorName: doctorUser.name,
      doctorEmail: doctorUser.email,
      type: consultationRequests.type,
      problemSealed: consultationRequests.problemSealed,
      preferredTimes: consultationRequests.preferredTimes,
      status: consultationRequests.status,
      declineReason: consultationRequests.declineReason,
      appointmentId: consultationRequests.appointmentId,
      createdAt: consultationRequests.createdAt,
      offerId: slotOffers.id,
      offerStart: slotOffers.startAt,
      offerExpiresAt: slotOffers.expiresAt,
    })
    .from(consultationRequests)
    .innerJoin(patientUser, eq(patientUser.id, consultationRequests.patientId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, consultationRequests.patientId))
    .innerJoin(doctors, eq(doctors.id, consultationRequests.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
    .leftJoin(slotOffers, and(eq(slotOffers.requestId, consultationRequests.id), eq(slotOffers.status, 'open'), sql`${slotOffers.expiresAt} > ${now.getTime()}`))
}
export type RequestRow = Awaited<ReturnType<ReturnType<typeof requestSelect>['execute']>>[number]

export const requestStatement = (db: Db, id: string, now: Date) => requestSelect(db, now).where(eq(consultationRequests.id, id))

/** A patient's requests, newest first. */
export const patientRequestsStatement = (db: Db, patientId: string, now: Date) =>
  requestSelect(db, now).where(eq(consultationRequests.patientId, patientId)).orderBy(desc(consultationRequests.createdAt)).limit(50)

/** Requests waiting for a time (open, or proposed and not yet confirmed) that `owner` may answer, oldest first. */
export const inboxStatement = (db: Db, owner: SQL | undefined, now: Date) =>
  requestSelect(db, now)
    .where(and(owner, inArray(consultationRequests.status, ['open', 'proposed'])))
    .orderBy(asc(consultationRequests.createdAt))
    .limit(100)

export const ownedByDoctor = (doctorId: string) => eq(consultationRequests.doctorId, doctorId)
export const requestDoctorColumn = consultationRequests.doctorId

/** Marks a request proposed, only if the proposal was written. */
export function markProposedStatement(db: Db, id: string, proposalWritten: SQL, now: Date) {
  return db.run(sql`update ${consultationRequests} set status = 'proposed', updated_at = ${now.getTime()}
    where ${consultationRequests.id} = ${id} and ${consultationRequests.status} in ('open', 'proposed') and ${proposalWritten}`)
}

/** A request closes (declined by the doctor, withdrawn by the patient) only while it waits. */
export function closeRequestStatement(db: Db, id: string, change: { status: 'declined' | 'withdrawn'; reason?: string; now: Date }) {
  return db
    .update(consultationRequests)
    .set({ status: change.status, declineReason: change.reason ?? null, updatedAt: change.now })
    .where(and(eq(consultationRequests.id, id), inArray(consultationRequests.status, ['open', 'proposed'])))
    .returning({ id: consultationRequests.id })
}

export const requestClosed = (id: string, status: string): SQL => sql`exists (select 1 from ${consultationRequests} where ${consultationRequests.id} = ${id} and ${consultationRequests.status} = ${status})`
