import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, doctorConsultationTypes, doctors, idempotencyKeys, specialties, users } from '../../db/schema'
import { LIVE_APPOINTMENT_STATUSES } from '../../db/schema/enums'
import { bookableDoctorCondition } from '../availability/queries'

export function bookingDoctorStatement(db: Db, doctorId: string) {
  return db
    .select({ id: doctors.id, name: users.name, specialty: specialties.name })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .where(and(eq(doctors.id, doctorId), bookableDoctorCondition()))
}

export function consultationTypesStatement(db: Db, doctorId: string) {
  return db.select().from(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId))
}

export function idempotencyKeyStatement(db: Db, userId: string, key: string) {
  return db.select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
}

const LIVE = sql.raw(LIVE_APPOINTMENT_STATUSES.map((s) => `'${s}'`).join(', '))

// The booking itself, atomic in one statement: it inserts only if no live appointment of the
// doctor overlaps the slot widened by the buffer. Two requests for one slot cannot both pass
// (SQLite runs writes one at a time), and the partial unique index on (doctor, start) backs it up.
export function insertAppointmentIfFree(
  db: Db,
  row: { id: string; patientId: string; doctorId: string; startAt: Date; endAt: Date; type: string; reason: string; status: string; now: Date },
  bufferMinutes: number,
) {
  const buffer = bufferMinutes * 60_000
  return db.run(sql`
    insert into ${appointments} (id, patient_id, doctor_id, start_at, end_at, type, reason, status, respond_by, created_at, updated_at)
    select ${row.id}, ${row.patientId}, ${row.doctorId}, ${row.startAt.getTime()}, ${row.endAt.getTime()}, ${row.type}, ${row.reason}, ${row.status},
      ${row.status === 'pending' ? row.startAt.getTime() : null}, ${row.now.getTime()}, ${row.now.getTime()}
    where not exists (
      select 1 from ${appointments}
      where doctor_id = ${row.doctorId} and status in (${LIVE})
        and start_at < ${row.endAt.getTime() + buffer} and end_at > ${row.startAt.getTime() - buffer}
    )`)
}

// Recorded only if the appointment it answers for was written in the same batch.
export function insertIdempotencyKeyIfBooked(
  db: Db,
  entry: { userId: string; key: string; path: string; requestHash: string; status: number; body: string; appointmentId: string; now: Date; expiresAt: Date },
) {
  return db.run(sql`
    insert into ${idempotencyKeys} (user_id, key, method, path, request_hash, response_status, response_body, created_at, expires_at)
    select ${entry.userId}, ${entry.key}, 'POST', ${entry.path}, ${entry.requestHash}, ${entry.status}, ${entry.body}, ${entry.now.getTime()}, ${entry.expiresAt.getTime()}
    where exists (select 1 from ${appointments} where id = ${entry.appointmentId})`)
}
