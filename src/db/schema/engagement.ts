import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { REVIEW_STATUSES, TICKET_PRIORITIES, TICKET_STATUSES } from './enums'
import { appointments } from './appointments'
import { conversations } from './chat'
import { doctors } from './doctors'
import { users } from './users'

export const reviews = sqliteTable(
  'reviews',
  {
    id: id('rev'),
    appointmentId: text('appointment_id')
      .notNull()
      .references(() => appointments.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    rating: integer('rating').notNull(),
    comment: text('comment'),
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('published'),
    moderatedBy: text('moderated_by').references(() => users.id),
    moderationReason: text('moderation_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One review per completed appointment.
    uniqueIndex('reviews_appointment_unique').on(t.appointmentId),
    index('reviews_doctor_idx').on(t.doctorId, t.status, t.createdAt),
    check('reviews_rating_check', sql`${t.rating} between 1 and 5`),
    check('reviews_status_check', oneOf(t.status, REVIEW_STATUSES)),
  ],
)

export const notifications = sqliteTable(
  'notifications',
  {
    id: id('ntf'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    title: text('title').notNull(),
    body: text('body'),
    link: text('link'),
    readAt: instant('read_at'),
    createdAt: createdAt(),
  },
  (t) => [index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt)],
)

export const supportTickets = sqliteTable(
  'support_tickets',
  {
    id: id('tkt'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    subject: text('subject').notNull(),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    assignedAdminId: text('assigned_admin_id').references(() => users.id),
    conversationId: text('conversation_id').references(() => conversations.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    index('support_tickets_user_idx').on(t.userId, t.createdAt),
    index('support_tickets_status_idx').on(t.status, t.priority, t.createdAt),
    check('support_tickets_status_check', oneOf(t.status, TICKET_STATUSES)),
    check('support_tickets_priority_check', oneOf(t.priority, TICKET_PRIORITIES)),
  ],
)
