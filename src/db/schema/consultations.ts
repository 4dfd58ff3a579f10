import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { NOTE_STATUSES, PRESCRIPTION_STATUSES } from './enums'
import { appointments } from './appointments'
import { doctors } from './doctors'
import { users } from './users'

// SOAP notes. Clinical text is AES-GCM ciphertext (`key_id` names the key, so keys can rotate);
// the database alone does not reveal it.
export const visitNotes = sqliteTable(
  'visit_notes',
  {
    id: id('vn'),
    appointmentId: text('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: NOTE_STATUSES }).notNull().default('draft'),
    // JSON { subjective, objective, assessment, plan, diagnosis, patient_summary }, encrypted.
    contentCiphertext: text('content_ciphertext').notNull(),
    keyId: text('key_id').notNull(),
    finalizedAt: instant('finalized_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One note per appointment; later changes are amendments.
    uniqueIndex('visit_notes_appointment_unique').on(t.appointmentId),
    index('visit_notes_patient_idx').on(t.patientId, t.createdAt),
    check('visit_notes_status_check', oneOf(t.status, NOTE_STATUSES)),
  ],
)

export const visitNoteAmendments = sqliteTable(
  'visit_note_amendments',
  {
    id: id('vna'),
    noteId: text('note_id')
      .notNull()
      .references(() => visitNotes.id, { onDelete: 'cascade' }),
    authorUserId: text('author_user_id')
      .notNull()
      .references(() => users.id),
    // The previous content and the reason, encrypted like the note itself.
    previousCiphertext: text('previous_ciphertext').notNull(),
    reasonCiphertext: text('reason_ciphertext').notNull(),
    keyId: text('key_id').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('visit_note_amendments_note_idx').on(t.noteId, t.createdAt)],
)

export const prescriptions = sqliteTable(
  'prescriptions',
  {
    id: id('rx'),
    appointmentId: text('appointment_id')
      .notNull()
      .references(() => appointments.id),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id),
    status: text('status', { enum: PRESCRIPTION_STATUSES }).notNull().default('draft'),
    // Issued prescriptions are immutable; a correction is a new one that supersedes this.
    supersedesId: text('supersedes_id'),
    // Issued over an allergy warning: the warnings and the prescriber's reason, as encrypted JSON.
    allergyOverrideCiphertext: text('allergy_override_ciphertext'),
    issuedAt: instant('issued_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('prescriptions_patient_idx').on(t.patientId, t.createdAt),
    index('prescriptions_appointment_idx').on(t.appointmentId),
    // A prescription is superseded at most once.
    uniqueIndex('prescriptions_supersedes_unique')
      .on(t.supersedesId)
      .where(sql`${t.supersedesId} is not null`),
    check('prescriptions_status_check', oneOf(t.status, PRESCRIPTION_STATUSES)),
  ],
)

export const prescriptionItems = sqliteTable(
  'prescription_items',
  {
    id: id('rxi'),
    prescriptionId: text('prescription_id')
      .notNull()
      .references(() => prescriptions.id, { onDelete: 'cascade' }),
    position: integer('position').notNull(),
    // JSON { drug, strength, dose, route, frequency, duration, quantity, refills, instructions },
    // encrypted.
    contentCiphertext: text('content_ciphertext').notNull(),
    keyId: text('key_id').notNull(),
  },
  (t) => [uniqueIndex('prescription_items_position_unique').on(t.prescriptionId, t.position)],
)
