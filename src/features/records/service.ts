import type { Db } from '../../db/client'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { NotFoundError } from '../../lib/errors'
import type { KeyRing } from '../../lib/field-crypto'
import { toApiDocument } from '../documents/present'
import { documentListStatement } from '../documents/queries'
import { toApiHistory } from '../patient-profile/present'
import { historyStatements, profileStatement } from '../patient-profile/queries'
import { presentProfile } from '../patient-profile/service'
import { toApiPrescriptionSummary } from '../prescriptions/present'
import { prescriptionListStatement } from '../prescriptions/queries'
import { finalNotesStatement } from '../visit-notes/queries'
import { openNote } from '../visit-notes/service'
import { recordReadAudit, type RecordReader } from '../../core/record-access'
import { toApiAccessEntry, toApiPatient, toApiSharedAppointment, toApiVisit } from './present'
import { doctorPatientsStatement, recordAccessStatement, sharedAppointmentsStatement } from './queries'
import { AccessCursorShape, PatientCursorShape } from './schemas'

type Page = { cursor?: string; limit: number }

// The rows of one page and the cursor of the next: queries fetch limit + 1 to know if there is one.
function paged<Row, Item>(rows: Row[], limit: number, present: (row: Row) => Item, positionOf: (row: Row) => unknown) {
  const page = rows.slice(0, limit)
  return { items: page.map(present), next_cursor: rows.length > limit ? encodeCursor(positionOf(page.at(-1)!)) : null }
}

export async function listDoctorPatients(db: Db, doctorId: string, query: Page & { q?: string }, now = new Date()) {
  const after = decodeCursor(query.cursor, PatientCursorShape)
  const rows = await doctorPatientsStatement(db, doctorId, { q: query.q || undefined, after, limit: query.limit, now })
  return paged(rows, query.limit, toApiPatient, (row) => ({ name: row.sortName, id: row.id }))
}

export async function listRecordAccess(db: Db, patientId: string, query: Page) {
  const before = decodeCursor(query.cursor, AccessCursorShape)
  const rows = await recordAccessStatement(db, patientId, { before, limit: query.limit })
  return paged(rows, query.limit, toApiAccessEntry, (row) => ({ at: row.createdAt.getTime(), id: row.id }))
}

// A patient's record in one round trip: the audit entry, the profile (which also decides access:
// no row, no record), the medical history, the visits the reader may see with their final notes,
// the prescriptions, and for a doctor the appointments they share with the patient.
export async function patientRecord(db: Db, ring: KeyRing, reader: RecordReader, patientId: string) {
  const [, [profile], allergies, medications, conditions, surgeries, notes, prescriptions, shared, documents] = await db.batch([
    recordReadAudit(db, reader, { patientId, entityType: 'patient_record' }),
    profileStatement(db, reader, patientId),
    ...historyStatements(db, reader, patientId),
    finalNotesStatement(db, reader, patientId),
    prescriptionListStatement(db, reader, { patientId, limit: 50, offset: 0 }),
    sharedAppointmentsStatement(db, reader.doctorId ?? '', patientId),
    documentListStatement(db, reader, patientId, 50),
  ])
  if (!profile) throw new NotFoundError('No such patient.')
  const visits = await Promise.all(notes.map(async (note) => toApiVisit(note, await openNote(ring, patientId, note.content), reader.role === 'patient')))
  return {
    patient: await presentProfile(ring, profile),
    medical_history: toApiHistory(profile.profile?.bloodType ?? null, { allergies, medications, conditions, surgeries }),
    visits: visits.reverse(),
    prescriptions: prescriptions.slice(0, 50).map(toApiPrescriptionSummary),
    appointments: reader.role === 'doctor' ? shared.map(toApiSharedAppointment) : [],
    documents: documents.map(toApiDocument),
  }
}
export type PatientRecord = Awaited<ReturnType<typeof patientRecord>>
