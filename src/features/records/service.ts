import { keyRingOf, requireActor, type RequestContext } from '../../core/context'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { ForbiddenError, NotFoundError } from '../../lib/errors'
import { toApiDocument } from '../documents/present'
import { documentListStatement } from '../documents/queries'
import { toApiHistory } from '../patient-profile/present'
import { historyStatements, profileStatement } from '../patient-profile/queries'
import { openProfile } from '../patient-profile/service'
import { toApiPrescriptionSummary } from '../prescriptions/present'
import { prescriptionListStatement } from '../prescriptions/queries'
import { finalNotesStatement } from '../visit-notes/queries'
import { openNote } from '../visit-notes/sealing'
import { readerOf, recordReadAudit } from '../../core/record-access'
import { toApiAccessEntry, toApiPatient, toApiSharedAppointment, toApiVisit } from './present'
import { doctorPatientsStatement, recordAccessStatement, sharedAppointmentsStatement } from './queries'
import { AccessCursorShape, PatientCursorShape } from './schemas'

type Page = { cursor?: string; limit: number }

// The rows of one page and the cursor of the next: queries fetch limit + 1 to know if there is one.
function paged<Row, Item>(rows: Row[], limit: number, present: (row: Row) => Item, positionOf: (row: Row) => unknown) {
  const page = rows.slice(0, limit)
  return { items: page.map(present), next_cursor: rows.length > limit ? encodeCursor(positionOf(page.at(-1)!)) : null }
}

/** The acting doctor's patients by name, with their last visit and next appointment, a page at a time. */
export async function listDoctorPatients(ctx: RequestContext, query: Page & { q?: string }) {
  const { doctorId } = requireActor(ctx)
  if (!doctorId) throw new ForbiddenError()
  const after = decodeCursor(query.cursor, PatientCursorShape)
  const rows = await doctorPatientsStatement(ctx.db, doctorId, { q: query.q || undefined, after, limit: query.limit, now: ctx.now })
  return paged(rows, query.limit, toApiPatient, (row) => ({ name: row.sortName, id: row.id }))
}

/** "Who saw my record": reads of the signed-in patient's data by others, newest first. */
export async function listRecordAccess(ctx: RequestContext, query: Page) {
  const patient = requireActor(ctx)
  if (patient.role !== 'patient') throw new ForbiddenError()
  const before = decodeCursor(query.cursor, AccessCursorShape)
  const rows = await recordAccessStatement(ctx.db, patient.id, { before, limit: query.limit })
  return paged(rows, query.limit, toApiAccessEntry, (row) => ({ at: row.createdAt.getTime(), id: row.id }))
}

/**
 * A patient's record in one round trip: the audit entry, the profile (which also decides access:
 * no row, no record), the medical history, the visits the caller may see with their final notes,
 * the prescriptions, and for a doctor the appointments they share with the patient.
 */
export async function patientRecord(ctx: RequestContext, patientId: string) {
  const { db } = ctx
  const reader = readerOf(ctx)
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
  const visits = await Promise.all(notes.map(async (note) => toApiVisit(note, await openNote(keyRingOf(ctx), patientId, note.content), reader.role === 'patient')))
  return {
    patient: await openProfile(ctx, profile),
    medical_history: toApiHistory(profile.profile?.bloodType ?? null, { allergies, medications, conditions, surgeries }),
    visits: visits.reverse(),
    prescriptions: prescriptions.slice(0, 50).map(toApiPrescriptionSummary),
    appointments: reader.role === 'doctor' ? shared.map(toApiSharedAppointment) : [],
    documents: documents.map(toApiDocument),
  }
}
export type PatientRecord = Awaited<ReturnType<typeof patientRecord>>
