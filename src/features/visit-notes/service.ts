import type { NoteView } from '../../../views/visit-notes/notes-page'
import { actorAuditIfChanged } from '../../core/audit'
import { keyRingOf, type RequestContext } from '../../core/context'
import { readerOf, visitReadAudit, visitStatement, type RecordReader } from '../../core/record-access'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { decryptField, encryptField } from '../../lib/field-crypto'
import { amendmentsStatement, amendNoteStatements, noteStatement, saveNoteStatement } from './queries'
import { visitSafetyStatements, type SafetyRows } from '../patient-profile/queries'
import type { NoteContent } from './schemas'
import { openNote, sealNote } from './sealing'

// Notes can be written once the visit is confirmed; they stay a draft until the appointment is
// completed, then they are final and change only by amendment.
const WRITABLE = new Set(['confirmed', 'completed'])

type Visit = Awaited<ReturnType<typeof visitStatement>>[number]
type NoteRow = Awaited<ReturnType<typeof noteStatement>>[number]
type AmendmentRow = Awaited<ReturnType<typeof amendmentsStatement>>[number]

const isWriter = (reader: RecordReader, visit: Visit) => reader.role === 'doctor' && reader.doctorId === visit.doctorId

/**
 * A visit's notes and amendments in one round trip with the audit entry, if the caller may see
 * the visit. The patient sees nothing of a draft, and of a final note only what is meant for
 * them (the callers present it so).
 */
export async function readVisitNote(ctx: RequestContext, appointmentId: string): Promise<NoteView> {
  const reader = readerOf(ctx)
  const ring = keyRingOf(ctx)
  // The visit's doctor writes with the patient's allergies and medicines in view (an audited read).
  const safetyReads = reader.role === 'doctor' ? visitSafetyStatements(ctx.db, reader, appointmentId) : []
  const [, [visit], [note], amendments, , allergies, medications] = (await ctx.db.batch([
    visitReadAudit(ctx.db, reader, appointmentId, { entityType: 'visit_note' }),
    visitStatement(ctx.db, reader, appointmentId),
    noteStatement(ctx.db, appointmentId),
    amendmentsStatement(ctx.db, appointmentId),
    ...safetyReads,
  ])) as [unknown, Visit[], NoteRow[], AmendmentRow[], unknown, SafetyRows['allergies']?, SafetyRows['medications']?]
  if (!visit) throw new NotFoundError('No such appointment.')
  const canWrite = isWriter(reader, visit)
  const view = { appointmentId, patientId: visit.patientId, canWrite, appointmentStatus: visit.status, safety: canWrite && allergies && medications ? { allergies, medications } : undefined }
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

// The appointment and its note, or the reason the caller may not write to it.
async function writableVisit(ctx: RequestContext, reader: RecordReader, appointmentId: string) {
  const [[visit], [note]] = await ctx.db.batch([visitStatement(ctx.db, reader, appointmentId), noteStatement(ctx.db, appointmentId)])
  if (!visit) throw new NotFoundError('No such appointment.')
  if (!isWriter(reader, visit)) throw new ForbiddenError('Only the appointment’s doctor writes its notes.')
  if (!WRITABLE.has(visit.status)) throw new ConflictError(`Notes can be written for a confirmed or completed visit; this one is ${visit.status.replace('_', ' ')}.`, 'invalid_transition')
  return { visit, note }
}

// Written only if the write just before it in the batch took place (a note that turned final in
// the meantime, or changed under an amendment, is refused and leaves no audit entry).
const writeAudit = (ctx: RequestContext, visit: Visit, action: string) =>
  actorAuditIfChanged(ctx, { action, entityType: 'visit_note', entityId: visit.id, subjectUserId: visit.patientId })

/**
 * Saves the draft (autosave calls this again and again). Notes become final with the completed
 * visit; notes first written after it stay a draft until the doctor finalises them, so autosave
 * never locks a half-written note. A final note changes only by amendment.
 */
export async function saveVisitNote(ctx: RequestContext, input: { appointmentId: string; content: NoteContent; finalize?: boolean }) {
  const reader = readerOf(ctx)
  const finalize = input.finalize ?? false
  const { visit, note } = await writableVisit(ctx, reader, input.appointmentId)
  if (note?.status === 'final') throw new ConflictError('This visit’s notes are final. Add an amendment instead.')
  if (finalize && visit.status !== 'completed') throw new ConflictError('Notes become final when the visit is marked completed.', 'invalid_transition')
  const ciphertext = await sealNote(keyRingOf(ctx), visit.patientId, input.content)
  const [saved] = await ctx.db.batch([
    saveNoteStatement(ctx.db, { appointmentId: input.appointmentId, doctorId: visit.doctorId, patientId: visit.patientId, ciphertext, finalize, now: ctx.now }),
    writeAudit(ctx, visit, finalize ? 'visit_note.finalized' : note ? 'visit_note.updated' : 'visit_note.created'),
  ])
  if (saved.length === 0) throw new ConflictError('This visit’s notes are final. Add an amendment instead.')
  return saved[0]!
}

/** Changes a final note: the previous content and the reason are kept (encrypted) beside it. */
export async function amendVisitNote(ctx: RequestContext, input: { appointmentId: string; content: NoteContent; reason: string }) {
  const reader = readerOf(ctx)
  const ring = keyRingOf(ctx)
  const { visit, note } = await writableVisit(ctx, reader, input.appointmentId)
  if (note?.status !== 'final') throw new ConflictError('Notes are amended once the visit is completed; until then, edit the draft.')
  const ciphertext = await sealNote(ring, visit.patientId, input.content)
  const reasonCiphertext = await encryptField(ring, input.reason, visit.patientId)
  const [updated] = await ctx.db.batch([
    ...amendNoteStatements(ctx.db, { noteId: note.id, previousCiphertext: note.contentCiphertext, ciphertext, reasonCiphertext, authorUserId: reader.id, now: ctx.now }),
    writeAudit(ctx, visit, 'visit_note.amended'),
  ])
  if (updated.length === 0) throw new ConflictError('The notes changed while you were editing. Reload them and amend again.')
}
