import { and, desc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { emailOutbox } from '../../db/schema'
import type { EmailMessage } from './outbox'

// The outbox insert as a statement, to put in the same db.batch as the change it tells about:
// the change and its email are stored together or not at all.
export function outboxStatement(db: Db, messages: [EmailMessage, ...EmailMessage[]]) {
  const now = new Date()
  return db.insert(emailOutbox).values(
    messages.map((message) => ({
      toAddress: message.to,
      subject: message.subject,
      textBody: message.text,
      htmlBody: message.html ?? null,
      tag: message.tag ?? null,
      attachments: message.attachments ?? null,
      headers: message.headers ?? null,
      nextAttemptAt: now,
    })),
  )
}

export const insertEmailsReturningIds = (db: Db, messages: [EmailMessage, ...EmailMessage[]]) => outboxStatement(db, messages).returning({ id: emailOutbox.id })

// Queued messages whose next attempt is due, oldest first.
export function dueEmailsStatement(db: Db, now: Date, limit: number) {
  return db
    .select({ id: emailOutbox.id, attempts: emailOutbox.attempts })
    .from(emailOutbox)
    .where(and(eq(emailOutbox.status, 'queued'), or(isNull(emailOutbox.nextAttemptAt), lte(emailOutbox.nextAttemptAt, now))))
    .orderBy(emailOutbox.createdAt)
    .limit(limit)
}

// Claims a message for one delivery run (its next attempt moved ahead, its attempts counted):
// only if no other run claimed it since it was read, else no row.
export async function claimEmail(db: Db, candidate: { id: string; attempts: number }, until: Date) {
  const [message] = await db
    .update(emailOutbox)
    .set({ nextAttemptAt: until, attempts: sql`${emailOutbox.attempts} + 1` })
    .where(and(eq(emailOutbox.id, candidate.id), eq(emailOutbox.status, 'queued'), eq(emailOutbox.attempts, candidate.attempts)))
    .returning()
  return message
}

export function markEmailSent(db: Db, id: string, providerMessageId: string, now: Date) {
  return db.update(emailOutbox).set({ status: 'sent', sentAt: now, providerMessageId, lastError: null }).where(eq(emailOutbox.id, id))
}

// A failed attempt: queued again for `nextAttemptAt`, or failed for good.
export function markEmailFailed(db: Db, id: string, failure: { giveUp: boolean; lastError: string; nextAttemptAt: Date }) {
  return db
    .update(emailOutbox)
    .set({ status: failure.giveUp ? 'failed' : 'queued', lastError: failure.lastError, nextAttemptAt: failure.nextAttemptAt })
    .where(eq(emailOutbox.id, id))
}

// The development outbox page, newest first.
export const recentOutboxStatement = (db: Db, limit = 50) => db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit)

// The newest message to one address (scripts and browser tests read their links from it).
export async function latestOutboxMessageTo(db: Db, address: string) {
  const [message] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(desc(emailOutbox.createdAt)).limit(1)
  return message
}
