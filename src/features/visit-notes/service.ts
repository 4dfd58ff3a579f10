import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, visitNoteAmendments, visitNotes } from '../../db/schema'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import type { NoteView } from '../../../views/visit-notes/notes-page'
import { decryptField, encryptField, keyIdOf, type KeyRing } from '../../lib/field-crypto'
import { newId } from '../../lib/ids'
import { auditStatement } from '../../core/audit'
import { visitReadAudit, type RecordReader, visitStatement } from '../../core/record-access'
import { amendmentsStatement, noteStatement } from './queries'
import type { NoteContent } from './schemas'

// Notes can be written once the visit is confirmed; they stay a draft until the appointment is
// completed, then they are final and change only by amendment.
const WRITABLE = new Set(['confirmed', 'completed'])

type Visit = Awaited<ReturnType<typeof visitStatement>>[number]


// The content is bound to the patient: a ciphertext copied onto another patient's row fails.
export const sealNote = (ring: KeyRing, patientId: string, content: NoteContent) => encryptField(ring, JSON.stringify(content), patientId)
export const openNote = async (ring: KeyRing, patientId: string, stored: string) => JSON.parse(await decryptField(ring, stored, patientId)) as NoteContent

const isWriter = (reader: RecordReader, visit: Visit) => reader.role === 'doctor' && reader.doctorId === visit.doctorId

// One round trip: the audit entry, the appointment (if the reader may see it), the note and its
// amendments. The patient sees nothing of a draft, and of a final note only what is meant for
// them (the service's callers present it so).
export async function readVisitNote(db: Db, ring: KeyRing, reader: RecordReader, appointmentId: string): Promise<NoteView> {
  const [, [visit], [note], amendments] = await db.batch([
    visitReadAudit(db, reader, appointmentId, { entityType: 'visit_note' }),
    visitStatement(db, reader, appointmentId),
    noteStatement(db, appointmentId),
    amendmentsStatement(db, appointmentId),
  ])
  if (!visit) throw new NotFoundError('No such appointment.')
  const view = { appointmentId, patientId: visit.patientId, canWrite: isWriter(reader, visit), appointmentStatus: visit.status }
  if (!note || (reader.role === 'patient' && note.status !== 'final')) return { ...view, note: null }
  return {
    ...view,
    note: {
      status: note.status,
      content: await openNote(ring, visit.patientId, note.contentCiphertext),
      updatedAt: note.updatedAt,
      finalizedAt: note.finalizedAt,
      amendments: await Promise.all(
        amendments.map(async (a) => ({
          id: a.id,
          author: a.author,
          createdAt: a.createdAt,
          reason: await decryptField(ring, a.reason, visit.patientId),
          previous: await openNote(ring, visit.patientId, a.previous),
        })),
      ),
    },
  }
}

// The appointment's doctor and the appointment, or the reason they may not write to it.
async function writableVisit(db: Db, reader: RecordReader, appointmentId: string) {
  const [[visit], [note]] = await db.batch([visitStatement(db, reader, appointmentId), noteStatement(db, appointmentId)])
  if (!visit) throw new NotFoundError('No such appointment.')
  if (!isWriter(reader, visit)) throw new ForbiddenError('Only the appointment’s doctor writes its notes.')
  if (!WRITABLE.has(visit.status)) throw new ConflictError(`Notes can be written for a confirmed or completed visit; this one is ${visit.status.replace('_', ' ')}.`, 'invalid_transition')
  return { visit, note }
}

const auditWrite = (db: Db, reader: RecordReader, visit: Visit, action: string) =>
  auditStatement(db, { action, actorUserId: reader.id, actorRole: reader.role, entityType: 'visit_note', entityId: visit.id, subjectUserId: visit.patientId, ip: reader.ip, userAgent: reader.userAgent, requestId: reader.requestId })

// Saves the draft (autosave calls this again and again). Notes become final with the completed
// visit; notes first written after it stay a draft until the doctor finalises them, so autosave
// never locks a half-written note. A final note changes only by amendment.
export async function saveVisitNote(db: Db, ring: KeyRing, reader: RecordReader, appointmentId: string, content: NoteContent, options: { finalize?: boolean } = {}) {
  const { visit, note } = await writableVisit(db, reader, appointmentId)
  if (note?.status === 'final') throw new ConflictError('This visit’s notes are final. Add an amendment instead.')
  if (options.finalize && visit.status !== 'completed') throw new ConflictError('Notes become final when the visit is marked completed.', 'invalid_transition')
  const now = new Date()
  const ciphertext = await sealNote(ring, visit.patientId, content)
  const status = options.finalize ? 'final' : 'draft'
  const finalizedAt = options.finalize ? now : null
  const [saved] = await db.batch([
    db
      .insert(visitNotes)
      .values({ appointmentId, doctorId: visit.doctorId, patientId: visit.patientId, status, contentCiphertext: ciphertext, keyId: keyIdOf(ciphertext), finalizedAt, updatedAt: now })
      // A note that turned final in the meantime is not overwritten: the 409 below says so.
      .onConflictDoUpdate({ target: visitNotes.appointmentId, set: { status, finalizedAt, contentCiphertext: ciphertext, keyId: keyIdOf(ciphertext), updatedAt: now }, where: eq(visitNotes.status, 'draft') })
      .returning({ status: visitNotes.status, updatedAt: visitNotes.updatedAt }),
    auditWrite(db, reader, visit, options.finalize ? 'visit_note.finalized' : note ? 'visit_note.updated' : 'visit_note.created'),
  ])
  if (saved.length === 0) throw new ConflictError('This visit’s notes are final. Add an amendment instead.')
  return saved[0]!
}

// A change to a final note: the previous content and the reason are kept (encrypted) beside it.
export async function amendVisitNote(db: Db, ring: KeyRing, reader: RecordReader, appointmentId: string, content: NoteContent, reason: string) {
  const { visit, note } = await writableVisit(db, reader, appointmentId)
  if (note?.status !== 'final') throw new ConflictError('Notes are amended once the visit is completed; until then, edit the draft.')
  const now = new Date()
  const ciphertext = await sealNote(ring, visit.patientId, content)
  const reasonCiphertext = await encryptField(ring, reason, visit.patientId)
  const [updated] = await db.batch([
    // Only over the content the amendment was based on: two amendments at once cannot lose one.
    db.update(visitNotes).set({ contentCiphertext: ciphertext, keyId: keyIdOf(ciphertext), updatedAt: now })
      .where(and(eq(visitNotes.id, note.id), eq(visitNotes.contentCiphertext, note.contentCiphertext)))
      .returning({ id: visitNotes.id }),
    db.insert(visitNoteAmendments).select(
      db.select({ id: sql`${newId('vna')}`.as('id'), noteId: visitNotes.id, authorUserId: sql`${reader.id}`.as('author_user_id'), previousCiphertext: sql`${note.contentCiphertext}`.as('previous_ciphertext'), reasonCiphertext: sql`${reasonCiphertext}`.as('reason_ciphertext'), keyId: sql`${keyIdOf(reasonCiphertext)}`.as('key_id'), createdAt: sql`${now.getTime()}`.as('created_at') })
        .from(visitNotes).where(and(eq(visitNotes.id, note.id), eq(visitNotes.contentCiphertext, ciphertext))),
    ),
    auditWrite(db, reader, visit, 'visit_note.amended'),
  ])
  if (updated.length === 0) throw new ConflictError('The notes changed while you were editing. Reload them and amend again.')
}