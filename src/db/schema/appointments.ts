import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { APPOINTMENT_STATUSES, CONSULTATION_TYPES } from './enums'
import { doctors } from './doctors'
import { users } from './users'

export const appointments = sqliteTable(
  'appointments',
  {
    id: id('apt'),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    type: text('type', { enum: CONSULTATION_TYPES }).notNull(),
    reason: text('reason').notNull(),
    status: text('status', { enum: APPOINTMENT_STATUSES }).notNull(),
    statusReason: text('status_reason'),
    // Set when a pending request is left unanswered; a cron job expires it.
    respondBy: instant('respond_by'),
    reminder24hSentAt: instant('reminder_24h_sent_at'),
    reminder1hSentAt: instant('reminder_1h_sent_at'),
    rescheduledFromId: text('rescheduled_from_id'),
    // The zone the patient saw the time in when booking: their zone for emails until their
    // profile names one.
    patientTimezone: text('patient_timezone'),
    // While set, the appointment is a hold waiting for its payment (status pending, so it keeps
    // the slot); when the payment is confirmed it is cleared, and past it the hold expires.
    paymentDueBy: instant('payment_due_by'),
    // A red-flag answer in the intake questionnaire: doctors see it first.
    urgent: integer('urgent', { mode: 'boolean' }).notNull().default(false),
    // An occurrence of a recurring series (features/series).
    seriesId: text('series_id'),
    // The day ("YYYY-MM-DD", the doctor's zone) around which the doctor proposed a follow-up.
    followUpOn: text('follow_up_on'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // No double booking: at most one live appointment per doctor and start instant. The database
    // enforces it, so two concurrent bookings of one slot cannot both succeed.
    uniqueIndex('appointments_live_slot_unique')
      .on(t.doctorId, t.startAt)
      .where(sql`${t.status} in ('pending', 'confirmed')`),
    index('appointments_patient_idx').on(t.patientId, t.startAt),
    index('appointments_doctor_idx').on(t.doctorId, t.startAt),
    index('appointments_series_idx').on(t.seriesId, t.startAt),
    index('appointments_status_start_idx').on(t.status, t.startAt),
    // The admin table's keyset pages, by start or by booking (core/table-queries.ts).
    index('appointments_start_id_idx').on(t.startAt, t.id),
    index('appointments_created_id_idx').on(t.createdAt, t.id),
    check('appointments_status_check', oneOf(t.status, APPOINTMENT_STATUSES)),
    check('appointments_type_check', oneOf(t.type, CONSULTATION_TYPES)),
    check('appointments_range_check', sql`${t.startAt} < ${t.endAt}`),
  ],
)

// Every status change, reschedule and call join/leave, with who did it and why.
export const appointmentEvents = sqliteTable(
  'appointment_events',
  {
    id: id('ape'),
    appointmentId: text('appointment_id')
      .notNull()
      .references(() => appointments.id, { onDelete: 'cascade' }),
    actorUserId: text('actor_user_id').references(() => users.id),
    kind: text('kind').notNull(), // status_changed | rescheduled | call_joined | call_left | note
    fromStatus: text('from_status'),
    toStatus: text('to_status'),
    note: text('note'),
    data: text('data', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
  },
  (t) => [index('appointment_events_appointment_idx').on(t.appointmentId, t.createdAt)],
)

// Replays of booking and payment requests (docs/api.md: Idempotency-Key).
export const idempotencyKeys = sqliteTable(
  'idempotency_keys',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    key: text('key').notNull(),
    method: text('method').notNull(),
    path: text('path').notNull(),
    requestHash: text('request_hash').notNull(),
    responseStatus: integer('response_status'),
    responseBody: text('response_body'),
    // The id of what the first request produced (an appointment), presented again on a replay.
    resultId: text('result_id'),
    createdAt: createdAt(),
    expiresAt: instant('expires_at').notNull(),
  },
  (t) => [
    // A key names one request of one user.
    uniqueIndex('idempotency_keys_user_key_unique').on(t.userId, t.key),
    index('idempotency_keys_expires_idx').on(t.expiresAt),
  ],
)
