import type { RecordReader } from '../../core/record-access'
import type { NoteView } from '../../../views/visit-notes/notes-page'

const iso = (d: Date | null) => (d ? d.toISOString() : null)

// The doctor (and clinic/super admins) get the whole note and its amendments; the patient gets
// the part written for them.
export function toApiNote(view: NoteView, reader: Pick<RecordReader, 'role'>) {
  const note = view.note
  if (reader.role === 'patient') {
    return { note: note ? { summary: note.content.patient_summary, diagnosis: note.content.diagnosis, finalized_at: iso(note.finalizedAt) } : null }
  }
  return {
    can_write: view.canWrite,
    note: note
      ? {
          status: note.status,
          ...note.content,
          updated_at: note.updatedAt.toISOString(),
          finalized_at: iso(note.finalizedAt),
          amendments: note.amendments.map((a) => ({ id: a.id, author: a.author, reason: a.reason, previous: a.previous, created_at: a.createdAt.toISOString() })),
        }
      : null,
  }
}
