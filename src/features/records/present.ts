import { describeDevice } from '../../lib/user-agent'
import type { NoteContent } from '../visit-notes/schemas'
import type { finalNotesStatement } from '../visit-notes/queries'
import type { doctorPatientsStatement, recordAccessStatement, sharedAppointmentsStatement } from './queries'

type PatientRow = Awaited<ReturnType<typeof doctorPatientsStatement>>[number]
type AccessRow = Awaited<ReturnType<typeof recordAccessStatement>>[number]
type NoteRow = Awaited<ReturnType<typeof finalNotesStatement>>[number]
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

// A past visit on the record: the patient reads what was written for them, doctors and clinic
// admins the clinical note.
export function toApiVisit(row: NoteRow, content: NoteContent, forPatient: boolean) {
  const base = { appointment_id: row.appointmentId, start: row.startAt.toISOString(), doctor: { name: row.doctorName }, diagnosis: content.diagnosis, finalized_at: row.finalizedAt ? row.finalizedAt.toISOString() : null }
  return forPatient ? { ...base, summary: content.patient_summary } : { ...base, ...content }
}
export type ApiVisit = ReturnType<typeof toApiVisit>

export function toApiSharedAppointment(row: SharedAppointmentRow) {
  return { id: row.id, start: row.startAt.toISOString(), type: row.type, status: row.status, reason: row.reason }
}
export type ApiSharedAppointment = ReturnType<typeof toApiSharedAppointment>
