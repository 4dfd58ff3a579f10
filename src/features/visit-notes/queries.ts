import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, doctors, users, visitNoteAmendments, visitNotes } from '../../db/schema'
import { mayReadVisit, type RecordReader } from '../../core/record-access'
import { keyIdOf } from '../../lib/field-crypto'
import { newId } from '../../lib/ids'

export function noteStatement(db: Db, appointmentId: string) {
  return db.select().from(visitNotes).where(eq(visitNotes.appointmentId, appointmentId))
}

export function amendmentsStatement(db: Db, appointmentId: string) {
  return db
    .select({ id: visitNoteAmendments.id, author: users.name, previous: visitNoteAmendments.previousCiphertext, reason: visitNoteAmendments.reasonCiphertext, createdAt: visitNoteAmendments.createdAt })
    .from(visitNoteAmendments)
    .innerJoin(visitNotes, eq(visitNotes.id, visitNoteAmendments.noteId))
    .innerJoin(users, eq(users.id, visitNoteAmendments.authorUserId))
    .where(eq(visitNotes.appointmentId, appointmentId))
    .orderBy(asc(visitNoteAmendments.createdAt))
}

// Final notes of a patient's visits that the reader may see (a doctor: their own visits with the
// patient), oldest first, for the record pages.
export function finalNotesStatement(db: Db, reader: RecordReader, patientId: string) {
  return db
    .select({ appointmentId: visitNotes.appointmentId, content: visitNotes.contentCiphertext, finalizedAt: visitNotes.finalizedAt, doctorName: users.name, startAt: appointments.startAt })
    .from(visitNotes)
    .innerJoin(appointments, eq(appointments.id, visitNotes.appointmentId))
    .innerJoin(doctors, eq(doctors.id, visitNotes.doctorId))
    .innerJoin(users, eq(users.id, doctors.userId))
    .where(and(eq(visitNotes.patientId, patientId), eq(visitNotes.status, 'final'), mayReadVisit(reader)))
    .orderBy(asc(appointments.startAt))
}


// Called with the appointment's completion, in the same batch: the draft becomes final.
export function finalizeNotesStatement(db: Db, appointmentId: string, now: Date) {
  const completed = sql`exists (select 1 from ${appointments} where ${appointments.id} = ${appointmentId} and ${appointments.status} = 'completed')`
  return db.update(visitNotes).set({ status: 'final', finalizedAt: now, updatedAt: now }).where(and(eq(visitNotes.appointmentId, appointmentId), eq(visitNotes.status, 'draft'), completed))
}

type NoteWrite = { appointmentId: string; doctorId: string; patientId: string; ciphertext: string; finalize: boolean; now: Date }

// Writes the draft (or the final note); a note that turned final in the meantime is not
// overwritten, and then no row comes back.
export function saveNoteStatement(db: Db, note: NoteWrite) {
  const status = note.finalize ? 'final' : 'draft'
  const finalizedAt = note.finalize ? note.now : null
  const content = { contentCiphertext: note.ciphertext, keyId: keyIdOf(note.ciphertext) }
  return db
    .insert(visitNotes)
    .values({ appointmentId: note.appointmentId, doctorId: note.doctorId, patientId: note.patientId, status, ...content, finalizedAt, updatedAt: note.now })
    .onConflictDoUpdate({ target: visitNotes.appointmentId, set: { status, finalizedAt, ...content, updatedAt: note.now }, where: eq(visitNotes.status, 'draft') })
    .returning({ status: visitNotes.status, updatedAt: visitNotes.updatedAt })
}

type Amendment = { noteId: string; previousCiphertext: string; ciphertext: string; reasonCiphertext: string; authorUserId: string; now: Date }

// An amendment: the new content, only over the content it was based on (two amendments at once
// cannot lose one), and the previous content and reason kept beside it when the update took.
export function amendNoteStatements(db: Db, amendment: Amendment) {
  const { noteId, previousCiphertext, ciphertext, reasonCiphertext, now } = amendment
  return [
    db
      .update(visitNotes)
      .set({ contentCiphertext: ciphertext, keyId: keyIdOf(ciphertext), updatedAt: now })
      .where(and(eq(visitNotes.id, noteId), eq(visitNotes.contentCiphertext, previousCiphertext)))
      .returning({ id: visitNotes.id }),
    db.insert(visitNoteAmendments).select(
      db
        .select({
          id: sql`${newId('vna')}`.as('id'),
          noteId: visitNotes.id,
          authorUserId: sql`${amendment.authorUserId}`.as('author_user_id'),
          previousCiphertext: sql`${previousCiphertext}`.as('previous_ciphertext'),
          reasonCiphertext: sql`${reasonCiphertext}`.as('reason_ciphertext'),
          keyId: sql`${keyIdOf(reasonCiphertext)}`.as('key_id'),
          createdAt: sql`${now.getTime()}`.as('created_at'),
        })
        .from(visitNotes)
        .where(and(eq(visitNotes.id, noteId), eq(visitNotes.contentCiphertext, ciphertext))),
    ),
  ] as const
}
