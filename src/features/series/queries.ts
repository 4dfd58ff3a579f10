import { and, asc, eq, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, appointmentSeries, doctors, users } from '../../db/schema'
import { treatsPatient } from '../../core/record-access'

export function insertSeriesStatement(db: Db, row: typeof appointmentSeries.$inferInsert) {
  return db.insert(appointmentSeries).values(row)
}

/** The patient, if the doctor treats them (has or had an appointment with them). */
export function treatedPatientStatement(db: Db, doctorId: string, patientId: string) {
  return db
    .select({ id: users.id, name: users.name, email: users.email })
    .from(users)
    .where(and(eq(users.id, patientId), eq(users.role, 'patient'), eq(users.status, 'active'), treatsPatient(doctorId, users.id)))
}

/** A series, if the caller is its doctor (by doctor id) or its patient (by user id). */
export function seriesStatement(db: Db, id: string, viewer: { userId: string; doctorId: string | null }) {
  return db
    .select({ id: appointmentSeries.id, doctorId: appointmentSeries.doctorId, patientId: appointmentSeries.patientId, frequency: appointmentSeries.frequency, occurrences: appointmentSeries.occurrences, doctorUserId: doctors.userId })
    .from(appointmentSeries)
    .innerJoin(doctors, eq(doctors.id, appointmentSeries.doctorId))
    .where(and(eq(appointmentSeries.id, id), or(eq(appointmentSeries.patientId, viewer.userId), viewer.doctorId ? eq(appointmentSeries.doctorId, viewer.doctorId) : undefined)))
}

/** A series' occurrences, in time order. */
export function occurrencesStatement(db: Db, seriesId: string) {
  return db.select({ id: appointments.id, startAt: appointments.startAt, status: appointments.status }).from(appointments).where(eq(appointments.seriesId, seriesId)).orderBy(asc(appointments.startAt))
}
