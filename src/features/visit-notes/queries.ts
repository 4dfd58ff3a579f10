import { and, asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, doctors, users, visitNoteAmendments, visitNotes } from '../../db/schema'
import { mayReadVisit, type RecordReader } from '../../core/record-access'

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
