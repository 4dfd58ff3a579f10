import { and, asc, desc, eq, gt, gte, inArray, lt, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { appointmentEvents, appointments, availabilitySettings, doctors, patientProfiles, specialties, users } from '../../db/schema'
import type { AppointmentStatus } from '../../db/schema/enums'

const patientUser = alias(users, 'patient_user')
const doctorUser = alias(users, 'doctor_user')

// An appointment with the names the API shows, and who its two parties are.
function appointmentSelect(db: Db) {
  return db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      patientName: patientUser.name,
      patientEmail: patientUser.email,
      doctorId: appointments.doctorId,
      doctorUserId: doctors.userId,
      doctorName: doctorUser.name,
      doctorEmail: doctorUser.email,
      specialty: specialties.name,
      startAt: appointments.startAt,
      endAt: appointments.endAt,
      type: appointments.type,
      reason: appointments.reason,
      status: appointments.status,
      createdAt: appointments.createdAt,
      updatedAt: appointments.updatedAt,
      // For emails and pages: each party's own zone (UTC until they set one).
      patientTimezone: sql<string>`coalesce(${patientProfiles.timezone}, 'UTC')`,
      doctorTimezone: sql<string>`coalesce(${availabilitySettings.timezone}, 'UTC')`,
    })
    .from(appointments)
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, appointments.patientId))
    .leftJoin(availabilitySettings, eq(availabilitySettings.doctorId, appointments.doctorId))
}

export type AppointmentRow = Awaited<ReturnType<typeof findAppointment>>

export async function findAppointment(db: Db, id: string) {
  const [row] = await appointmentStatement(db, id)
  return row
}

export function appointmentStatement(db: Db, id: string) {
  return appointmentSelect(db).where(eq(appointments.id, id))
}

// The caller's own appointments: `owner` is the condition that scopes them (patient, doctor or
// none for admins), so no query returns what its caller may not see.
export function findAppointments(
  db: Db,
  options: { owner?: SQL; scope?: 'upcoming' | 'past'; statuses?: AppointmentStatus[]; now: Date; limit: number; after?: { startAt: Date; id: string } },
) {
  const upcoming = options.scope !== 'past'
  return appointmentSelect(db)
    .where(
      and(
        options.owner,
        options.scope ? (upcoming ? gte(appointments.endAt, options.now) : lt(appointments.endAt, options.now)) : undefined,
        options.statuses?.length ? inArray(appointments.status, options.statuses) : undefined,
      ),
    )
    .orderBy(upcoming ? asc(appointments.startAt) : desc(appointments.startAt), asc(appointments.id))
    .limit(options.limit)
}

export const ownedByPatient = (userId: string) => eq(appointments.patientId, userId)
export const ownedByDoctor = (doctorId: string) => eq(appointments.doctorId, doctorId)

export type AppointmentEvent = {
  id: string
  appointmentId: string
  actorUserId: string
  kind: 'status_changed' | 'rescheduled'
  fromStatus: string | null
  toStatus: string
  note?: string | null
  data?: Record<string, unknown> | null
  now: Date
}

// A line of an appointment's history, written only when `condition` holds after the change it
// records (in the same batch), so a refused or lost change leaves no history behind.
export function insertEventWhere(db: Db, event: AppointmentEvent, condition: SQL) {
  return db.run(sql`
    insert into ${appointmentEvents} (id, appointment_id, actor_user_id, kind, from_status, to_status, note, data, created_at)
    select ${event.id}, ${event.appointmentId}, ${event.actorUserId}, ${event.kind}, ${event.fromStatus}, ${event.toStatus},
      ${event.note ?? null}, ${event.data ? JSON.stringify(event.data) : null}, ${event.now.getTime()}
    where exists (select 1 from ${appointments} where ${condition})`)
}

// A doctor's appointments that overlap [from, to), in time order, whatever their status.
export function appointmentsBetween(db: Db, owner: SQL, from: Date, to: Date) {
  return appointmentSelect(db)
    .where(and(owner, lt(appointments.startAt, to), gt(appointments.endAt, from)))
    .orderBy(asc(appointments.startAt))
    .limit(500)
}
