import type { Db } from '../../db/client'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { NotFoundError } from '../../lib/errors'
import { recordReadAudit, type RecordReader } from './access'
import { toApiAccessEntry, toApiPatient, toApiRecordPatient, toApiSharedAppointment } from './present'
import { doctorPatientsStatement, recordAccessStatement, recordPatientStatement, sharedAppointmentsStatement } from './queries'
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

// A doctor's view of one of their patients, in one round trip: the audit entry, the patient and
// the appointments they share. Nothing comes back (404) unless the doctor treats the patient.
export async function doctorPatientRecord(db: Db, reader: RecordReader, patientId: string) {
  if (!reader.doctorId) throw new NotFoundError('No such patient.')
  const [, [patient], shared] = await db.batch([
    recordReadAudit(db, reader, { patientId, entityType: 'patient_record' }),
    recordPatientStatement(db, reader, patientId),
    sharedAppointmentsStatement(db, reader.doctorId, patientId),
  ])
  if (!patient) throw new NotFoundError('No such patient.')
  return { patient: toApiRecordPatient(patient), appointments: shared.map(toApiSharedAppointment) }
}
