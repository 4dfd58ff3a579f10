import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { EMAIL_STATUSES } from './enums'
import { users } from './users'

// Who did what to which record, when and from where. Rows are only ever inserted.
export const auditLog = sqliteTable(
  'audit_log',
  {
    id: id('aud'),
    actorUserId: text('actor_user_id').references(() => users.id),
    actorRole: text('actor_role'),
    action: text('action').notNull(), // e.g. auth.login.succeeded, record.read, doctor.verified
    entityType: text('entity_type'),
    entityId: text('entity_id'),
    // Whose data it was: lets a patient see who accessed their record.
    subjectUserId: text('subject_user_id'),
    ip: text('ip'),
    userAgent: text('user_agent'),
    requestId: text('request_id'),
    metadata: text('metadata', { mode: 'json' }).$type<Record<string, unknown>>(),
    createdAt: createdAt(),
    // Tamper evidence: the row's SHA-256 over its content and the hash of the row before it
    // (insertion order), filled in once by the sealing job; triggers refuse any other change.
    prevHash: text('prev_hash'),
    hash: text('hash'),
  },
  (t) => [
    index('audit_log_unsealed_idx').on(t.hash).where(sql`${t.hash} is null`),
    index('audit_log_subject_idx').on(t.subjectUserId, t.createdAt),
    index('audit_log_actor_idx').on(t.actorUserId, t.createdAt),
    index('audit_log_entity_idx').on(t.entityType, t.entityId),
    // Newest first, keyset by (created_at, id).
    index('audit_log_created_idx').on(t.createdAt, t.id),
  ],
)

// Platform settings (cancellation notice, reminder times, idle timeouts…) as JSON values.
export const settings = sqliteTable('settings', {
  key: text('key').primaryKey(),
  value: text('value', { mode: 'json' }).notNull(),
  updatedAt: updatedAt(),
  updatedBy: text('updated_by').references(() => users.id),
})

// Every email is queued here first. A Postmark failure leaves it queued for a retry; without a
// Postmark token (development, tests) this table is the outbox.
export const emailOutbox = sqliteTable(
  'email_outbox',
  {
    id: id('eml'),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    tag: text('tag'),
    attachments: text('attachments', { mode: 'json' }).$type<
      { name: string; contentType: string; contentBase64: string }[]
    >(),
    // Extra headers, as name → value (List-Unsubscribe).
    headers: text('headers', { mode: 'json' }).$type<Record<string, string>>(),
    status: text('status', { enum: EMAIL_STATUSES }).notNull().default('queued'),
    attempts: integer('attempts').notNull().default(0),
    lastError: text('last_error'),
    nextAttemptAt: instant('next_attempt_at'),
    sentAt: instant('sent_at'),
    providerMessageId: text('provider_message_id'),
    createdAt: createdAt(),
  },
  (t) => [
    index('email_outbox_status_idx').on(t.status, t.nextAttemptAt),
    index('email_outbox_to_idx').on(t.toAddress, t.createdAt),
    check('email_outbox_status_check', oneOf(t.status, EMAIL_STATUSES)),
  ],
)
