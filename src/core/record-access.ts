import { and, eq, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client'
import { appointments, users } from '../db/schema'
import { auditInsertSelect } from './audit'
import { isClinicAdmin, type Actor } from './actor'
import { isClinicScoped } from './clinic-scope'
import { doctorOfClinic } from './clinic-scope-queries'
import { requestOrigin, requireActor, type RequestContext } from './context'

// Who may read a patient's record (profile, history, documents, notes, prescriptions):
// - the patient;
// - a verified doctor with an appointment with them, unless the doctor rejected the request
//   (a rejected request never became care);
// - super admins, and clinic admins for patients with an appointment at their clinic (its
//   doctors, in the same care states; core/clinic-scope.ts).
// Nobody else — support admins included — and to them the record does not exist (404).
//
// The rule is SQL so that it travels inside the queries that read the data and inside the audit
// insert: one round trip answers "may they?", writes the audit entry and returns the rows.

export type RecordReader = Pick<Actor, 'id' | 'role' | 'adminRole' | 'doctorId' | 'clinicId'> & {
  // Where the request came from, for the audit entry.
  ip: string | null
  userAgent: string | null
  requestId: string
}

/** The record rule's view of the caller: a projection of the request context (401 when anonymous). */
export function readerOf(ctx: RequestContext): RecordReader {
  const actor = requireActor(ctx)
  return { id: actor.id, role: actor.role, adminRole: actor.adminRole, doctorId: actor.doctorId, clinicId: actor.clinicId, ...requestOrigin(ctx) }
}

// Appointment states that make a doctor one of the patient's doctors.
export const CARE_STATUSES = ['pending', 'confirmed', 'completed', 'no_show', 'cancelled'] as const
const careStatusList = sql.raw(CARE_STATUSES.map((s) => `'${s}'`).join(', '))

// True (in SQL) when the reader may read the record of the patient in `patientId`.
export function mayReadRecord(reader: RecordReader, patientId: AnyColumn | SQL | string): SQL {
  // Aliased, so that a `patientId` that is itself a users column (users.id) still means the
  // outer row and not the subquery's own.
  const isPatient = sql`exists (select 1 from ${users} as record_owner where record_owner.id = ${patientId} and record_owner.role = 'patient')`
  if (reader.role === 'patient') return sql`(${patientId} = ${reader.id} and ${isPatient})`
  if (reader.role === 'admin') {
    if (!isClinicAdmin(reader)) return sql`0`
    return isClinicScoped(reader) ? sql`(${isPatient} and ${clinicTreatsPatient(reader.clinicId, patientId)})` : isPatient
  }
  if (reader.doctorId) return treatsPatient(reader.doctorId, patientId)
  return sql`0`
}

// The doctor has (or had) an appointment with the patient.
export function treatsPatient(doctorId: string, patientId: AnyColumn | SQL | string): SQL {
  // Aliased like isPatient above: `patientId` may be a column of appointments itself.
  return sql`exists (select 1 from ${appointments} as care where care.doctor_id = ${doctorId}
    and care.patient_id = ${patientId} and care.status in (${careStatusList}))`
}

// One of the clinic's doctors has (or had) an appointment with the patient.
function clinicTreatsPatient(clinicId: string | null, patientId: AnyColumn | SQL | string): SQL {
  return sql`exists (select 1 from ${appointments} as care where care.patient_id = ${patientId}
    and care.status in (${careStatusList}) and ${doctorOfClinic(clinicId, sql`care.doctor_id`)})`
}

// Someone may write to a record only as its patient (profile, history, own uploads); doctors
// write notes and prescriptions through their appointments, which carry their own checks.
export function isOwner(reader: RecordReader, patientId: string) {
  return reader.role === 'patient' && reader.id === patientId
}

export type RecordAccess = {
  // The patient's id, or SQL that finds it (the owner of a document fetched by id).
  patientId: string | SQL
  // What was read: "patient_profile", "medical_history", "document", "visit_note", "prescription"…
  entityType: string
  entityId?: string
  // "record.read" unless the access was something else worth naming (e.g. "document.download").
  action?: string
  metadata?: Record<string, unknown>
}

// The audit entry of one read, written only if the reader may read it: put it in the same
// db.batch as the read, so a read that returns data is always a read that was logged.
export function recordReadAudit(db: Db, reader: RecordReader, access: RecordAccess) {
  const entityId = access.entityId ?? (typeof access.patientId === 'string' ? access.patientId : undefined)
  return db.run(sql`${auditInsert(reader, { ...access, entityId }, sql`${access.patientId}`)} where ${mayReadRecord(reader, access.patientId)}`)
}

// Visits (an appointment's notes, prescriptions and documents) are narrower than the record:
// the appointment's own patient and doctor, super admins, and clinic admins of the doctor's
// clinic. Another doctor who also
// treats the patient does not see this doctor's visits.
export function mayReadVisit(reader: RecordReader): SQL {
  if (reader.role === 'patient') return sql`${appointments.patientId} = ${reader.id}`
  if (reader.role === 'admin') {
    if (!isClinicAdmin(reader)) return sql`0`
    return isClinicScoped(reader) ? doctorOfClinic(reader.clinicId, appointments.doctorId) : sql`1`
  }
  if (reader.doctorId) {
    return sql`(${appointments.doctorId} = ${reader.doctorId} and ${appointments.status} <> 'rejected')`
  }
  return sql`0`
}

// The audit entry of a read of one visit's data, written only if the reader may read the visit;
// whose record it is comes from the appointment itself.
export function visitReadAudit(db: Db, reader: RecordReader, appointmentId: string | SQL, access: Omit<RecordAccess, 'patientId'>) {
  const entityId = access.entityId ?? (typeof appointmentId === 'string' ? appointmentId : undefined)
  return db.run(sql`${auditInsert(reader, { ...access, entityId }, sql`${appointments.patientId}`)}
    from ${appointments} where ${appointments.id} = ${appointmentId} and ${mayReadVisit(reader)}`)
}

function auditInsert(reader: RecordReader, access: Omit<RecordAccess, 'patientId'>, subject: SQL) {
  const { ip, userAgent, requestId } = reader
  return auditInsertSelect({ action: access.action ?? 'record.read', actorUserId: reader.id, actorRole: reader.role, entityType: access.entityType, entityId: access.entityId, ip, userAgent, requestId, metadata: access.metadata }, subject)
}

// An appointment, if the reader may see its visit data (notes, prescriptions); else no row.
export function visitStatement(db: Db, reader: RecordReader, appointmentId: string) {
  return db
    .select({ id: appointments.id, patientId: appointments.patientId, doctorId: appointments.doctorId, status: appointments.status, startAt: appointments.startAt })
    .from(appointments)
    .where(and(eq(appointments.id, appointmentId), mayReadVisit(reader)))
}

/** The patient of an appointment, as SQL, for statements batched before the appointment is read. */
export const patientOfAppointment = (appointmentId: string) => sql`(select ${appointments.patientId} from ${appointments} where ${appointments.id} = ${appointmentId})`
