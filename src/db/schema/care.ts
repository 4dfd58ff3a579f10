import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { CONSULTATION_REQUEST_STATUSES, CONSULTATION_TYPES, OFFER_SOURCES, OFFER_STATUSES, SERIES_FREQUENCIES, WAITLIST_STATUSES } from './enums'
import { appointments } from './appointments'
import { doctors } from './doctors'
import { users } from './users'

// Around the visit: waiting for a freed slot, asking for a consultation without one, the
// questionnaire answered when booking, and series of visits booked together.

// A patient waiting for a doctor's time: what suits them, in their own zone.
export const waitlistEntries = sqliteTable(
  'waitlist_entries',
  {
    id: id('wle'),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    // Days "YYYY-MM-DD" in `timezone`, both included.
    fromDate: text('from_date').notNull(),
    toDate: text('to_date').notNull(),
    // ISO weekdays (Mon=1) and times of day, comma-separated; empty: any.
    weekdays: text('weekdays').notNull().default(''),
    timesOfDay: text('times_of_day').notNull().default(''),
    timezone: text('timezone').notNull(),
    type: text('type', { enum: CONSULTATION_TYPES }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: WAITLIST_STATUSES }).notNull().default('waiting'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // First come, first served among a doctor's waiting patients.
    index('waitlist_doctor_idx').on(t.doctorId, t.status, t.createdAt),
    index('waitlist_patient_idx').on(t.patientId, t.status),
    check('waitlist_status_check', oneOf(t.status, WAITLIST_STATUSES)),
    check('waitlist_type_check', oneOf(t.type, CONSULTATION_TYPES)),
    check('waitlist_range_check', sql`${t.fromDate} <= ${t.toDate}`),
  ],
)

// A slot held for one patient until `expires_at`: while open and unexpired it is part of the
// no-double-booking rule (availability/queries.ts slotIsFree), and only this offer can book it.
export const slotOffers = sqliteTable(
  'slot_offers',
  {
    id: id('ofr'),
    source: text('source', { enum: OFFER_SOURCES }).notNull(),
    // The waitlist entry or consultation request it answers.
    entryId: text('entry_id'),
    requestId: text('request_id'),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    type: text('type', { enum: CONSULTATION_TYPES }).notNull(),
    status: text('status', { enum: OFFER_STATUSES }).notNull().default('open'),
    expiresAt: instant('expires_at').notNull(),
    appointmentId: text('appointment_id').references(() => appointments.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One open offer per slot.
    uniqueIndex('slot_offers_open_slot_unique').on(t.doctorId, t.startAt).where(sql`${t.status} = 'open'`),
    // A waitlist entry is offered a slot once; passed on, it goes to the next match.
    uniqueIndex('slot_offers_entry_slot_unique').on(t.entryId, t.startAt),
    index('slot_offers_status_idx').on(t.status, t.expiresAt),
    index('slot_offers_patient_idx').on(t.patientId, t.status),
    check('slot_offers_source_check', oneOf(t.source, OFFER_SOURCES)),
    check('slot_offers_status_check', oneOf(t.status, OFFER_STATUSES)),
  ],
)

// A consultation asked for without a slot: the problem (sealed: it is medical) and when suits.
export const consultationRequests = sqliteTable(
  'consultation_requests',
  {
    id: id('crq'),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    type: text('type', { enum: CONSULTATION_TYPES }).notNull(),
    problemSealed: text('problem_sealed').notNull(),
    preferredTimes: text('preferred_times').notNull(),
    status: text('status', { enum: CONSULTATION_REQUEST_STATUSES }).notNull().default('open'),
    declineReason: text('decline_reason'),
    appointmentId: text('appointment_id').references(() => appointments.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('consultation_requests_doctor_idx').on(t.doctorId, t.status, t.createdAt),
    index('consultation_requests_patient_idx').on(t.patientId, t.createdAt),
    check('consultation_requests_status_check', oneOf(t.status, CONSULTATION_REQUEST_STATUSES)),
  ],
)

// The booking questionnaire's answers: part of the patient's record, sealed at rest (AES-GCM,
// bound to the appointment) and read under the record access rule.
export const appointmentIntakes = sqliteTable('appointment_intakes', {
  appointmentId: text('appointment_id')
    .primaryKey()
    .references(() => appointments.id, { onDelete: 'cascade' }),
  answersSealed: text('answers_sealed').notNull(),
  redFlag: integer('red_flag', { mode: 'boolean' }).notNull(),
  createdAt: createdAt(),
})

// Visits booked together by the doctor (weekly or every two weeks); each occurrence is an
// ordinary appointment with this series' id.
export const appointmentSeries = sqliteTable(
  'appointment_series',
  {
    id: id('ser'),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id),
    frequency: text('frequency', { enum: SERIES_FREQUENCIES }).notNull(),
    occurrences: integer('occurrences').notNull(),
    createdAt: createdAt(),
  },
  (t) => [index('appointment_series_doctor_idx').on(t.doctorId), check('appointment_series_frequency_check', oneOf(t.frequency, SERIES_FREQUENCIES))],
)
