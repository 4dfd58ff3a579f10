import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { DOCUMENT_CONTENT_TYPES, EMAIL_STATUSES, REVIEW_STATUSES, TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from './enums'
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
    // Shown as "Anonymous" rather than the first name and initial.
    anonymous: integer('anonymous', { mode: 'boolean' }).notNull().default(false),
    // flagged: held for moderation (flagged words); a reported review stays as it is until moderated.
    status: text('status', { enum: REVIEW_STATUSES }).notNull().default('published'),
    reply: text('reply'),
    repliedAt: instant('replied_at'),
    reportedAt: instant('reported_at'),
    reportedBy: text('reported_by').references(() => users.id),
    reportReason: text('report_reason'),
    moderatedAt: instant('moderated_at'),
    moderatedBy: text('moderated_by').references(() => users.id),
    moderationReason: text('moderation_reason'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    // One review per completed appointment.
    uniqueIndex('reviews_appointment_unique').on(t.appointmentId),
    index('reviews_doctor_idx').on(t.doctorId, t.status, t.createdAt),
    // The moderation queue: flagged, or reported and not yet decided.
    index('reviews_queue_idx').on(t.moderatedAt, t.reportedAt),
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
  (t) => [
    index('notifications_user_idx').on(t.userId, t.readAt, t.createdAt),
    // The notifications page: a person's newest first, keyset-paged by (created_at, id).
    index('notifications_user_created_idx').on(t.userId, t.createdAt, t.id),
  ],
)

// Which channels a person wants for one kind of notification, where they chose; a kind without
// a row uses its defaults (core/notices/kinds.ts). In-app is always on.
export const notificationPreferences = sqliteTable(
  'notification_preferences',
  {
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    email: integer('email', { mode: 'boolean' }).notNull(),
    push: integer('push', { mode: 'boolean' }).notNull(),
    sms: integer('sms', { mode: 'boolean' }).notNull(),
    updatedAt: updatedAt(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.kind] })],
)

// A browser's Web Push subscription (its endpoint and keys, RFC 8291).
export const pushSubscriptions = sqliteTable(
  'push_subscriptions',
  {
    id: id('psb'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    endpoint: text('endpoint').notNull(),
    p256dh: text('p256dh').notNull(),
    auth: text('auth').notNull(),
    userAgent: text('user_agent'),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('push_subscriptions_endpoint_unique').on(t.endpoint), index('push_subscriptions_user_idx').on(t.userId)],
)

// A push message waiting for delivery to one subscription, retried with backoff like email.
export const pushOutbox = sqliteTable(
  'push_outbox',
  {
    id: id('psh'),
    subscriptionId: text('subscription_id')
      .notNull()
      .references(() => pushSubscriptions.id, { onDelete: 'cascade' }),
    payload: text('payload').notNull(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: instant('next_attempt_at'),
    sentAt: instant('sent_at'),
    createdAt: createdAt(),
  },
  (t) => [index('push_outbox_status_idx').on(t.status, t.nextAttemptAt), check('push_outbox_status_check', oneOf(t.status, EMAIL_STATUSES))],
)

// A text message to a verified number; without Twilio credentials it stays here (/dev/outbox).
export const smsOutbox = sqliteTable(
  'sms_outbox',
  {
    id: id('sms'),
    userId: text('user_id').references(() => users.id, { onDelete: 'set null' }),
    toNumber: text('to_number').notNull(),
    body: text('body').notNull(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: instant('next_attempt_at'),
    sentAt: instant('sent_at'),
    // Twilio's message SID and the latest status its callbacks reported (delivered, undelivered…).
    providerSid: text('provider_sid'),
    providerStatus: text('provider_status'),
    createdAt: createdAt(),
  },
  (t) => [
    index('sms_outbox_status_idx').on(t.status, t.nextAttemptAt),
    index('sms_outbox_sid_idx').on(t.providerSid),
    check('sms_outbox_status_check', oneOf(t.status, EMAIL_STATUSES)),
  ],
)

// A code sent by SMS to prove a number is the person's own; one live code per person.
export const phoneVerifications = sqliteTable('phone_verifications', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  phone: text('phone').notNull(),
  codeHash: text('code_hash').notNull(),
  attempts: integer('attempts').notNull().default(0),
  expiresAt: instant('expires_at').notNull(),
  createdAt: createdAt(),
})

// A support ticket: a patient's or doctor's question, worked by support admins in a queue.
export const supportTickets = sqliteTable(
  'support_tickets',
  {
    id: id('tkt'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id),
    category: text('category', { enum: TICKET_CATEGORIES }).notNull().default('other'),
    subject: text('subject').notNull(),
    description: text('description').notNull().default(''),
    appointmentId: text('appointment_id').references(() => appointments.id),
    status: text('status', { enum: TICKET_STATUSES }).notNull().default('open'),
    priority: text('priority', { enum: TICKET_PRIORITIES }).notNull().default('normal'),
    assignedAdminId: text('assigned_admin_id').references(() => users.id),
    // The support conversation it was opened from, if any.
    conversationId: text('conversation_id').references(() => conversations.id),
    // An optional attachment (a screenshot, a letter), kept in R2 like documents.
    attachmentKey: text('attachment_key'),
    attachmentName: text('attachment_name'),
    attachmentType: text('attachment_type', { enum: DOCUMENT_CONTENT_TYPES }),
    attachmentBytes: integer('attachment_bytes'),
    // When support first replied to the requester (internal notes do not count).
    firstResponseAt: instant('first_response_at'),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
    resolvedAt: instant('resolved_at'),
  },
  (t) => [
    index('support_tickets_user_idx').on(t.userId, t.createdAt),
    index('support_tickets_status_idx').on(t.status, t.priority, t.createdAt),
    index('support_tickets_created_idx').on(t.createdAt),
    check('support_tickets_status_check', oneOf(t.status, TICKET_STATUSES)),
    check('support_tickets_priority_check', oneOf(t.priority, TICKET_PRIORITIES)),
    check('support_tickets_category_check', oneOf(t.category, TICKET_CATEGORIES)),
  ],
)

// The replies on a ticket, from the requester or support; internal notes only support sees.
export const supportTicketMessages = sqliteTable(
  'support_ticket_messages',
  {
    id: id('tkm'),
    ticketId: text('ticket_id')
      .notNull()
      .references(() => supportTickets.id, { onDelete: 'cascade' }),
    authorId: text('author_id')
      .notNull()
      .references(() => users.id),
    body: text('body').notNull(),
    internal: integer('internal', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
  },
  (t) => [index('support_ticket_messages_ticket_idx').on(t.ticketId, t.createdAt)],
)
