import { describeDevice } from '../../lib/user-agent'
import type { doctorPatientsStatement, recordAccessStatement, recordPatientStatement, sharedAppointmentsStatement } from './queries'

type PatientRow = Awaited<ReturnType<typeof doctorPatientsStatement>>[number]
type AccessRow = Awaited<ReturnType<typeof recordAccessStatement>>[number]
type RecordPatientRow = Awaited<ReturnType<typeof recordPatientStatement>>[number]
type SharedAppointmentRow = Awaited<ReturnType<typeof sharedAppointmentsStatement>>[number]

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString())

export function toApiPatient(row: PatientRow) {
  return {
    id: row.id,
    name: row.name,
    email: row.email,
    date_of_birth: row.dateOfBirth,
    appointment_count: row.appointmentCount,
    last_visit_at: iso(row.lastVisitAt),
    next_appointment_at: iso(row.nextAppointmentAt),
  }
}
export type ApiPatient = ReturnType<typeof toApiPatient>

// What a patient is told about one read of their data: who (name and role), what, when, and from
// which kind of device. The IP address is shown too: it is where their data went.
export function toApiAccessEntry(row: AccessRow) {
  return {
    id: row.id,
    at: row.createdAt.toISOString(),
    action: row.action,
    entity_type: row.entityType,
    entity_id: row.entityId,
    actor: { name: row.actorName ?? 'Deleted account', role: row.actorRole, admin_role: row.actorAdminRole },
    ip: row.ip,
    device: describeDevice(row.userAgent),
  }
}
export type ApiAccessEntry = ReturnType<typeof toApiAccessEntry>

export function toApiRecordPatient(row: RecordPatientRow) {
  return { id: row.id, name: row.name, email: row.email, phone: row.phone, date_of_birth: row.dateOfBirth, timezone: row.timezone ?? 'UTC' }
}
export type ApiRecordPatient = ReturnType<typeof toApiRecordPatient>

export function toApiSharedAppointment(row: SharedAppointmentRow) {
  return { id: row.id, start: row.startAt.toISOString(), type: row.type, status: row.status, reason: row.reason }
}
export type ApiSharedAppointment = ReturnType<typeof toApiSharedAppointment>
