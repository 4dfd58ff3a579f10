import { and, asc, eq, isNull, lte, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { pushOutbox, pushSubscriptions, smsOutbox } from '../../db/schema'

// The push and SMS outboxes work as the email one does: a due row is claimed (its next attempt
// moved ahead, its attempts counted) only if no other run claimed it since it was read.
type Outbox = typeof pushOutbox | typeof smsOutbox

const due = (table: Outbox, now: Date) => and(eq(table.status, 'queued'), or(isNull(table.nextAttemptAt), lte(table.nextAttemptAt, now)))

export const duePushStatement = (db: Db, now: Date, limit: number) =>
  db
    .select({ id: pushOutbox.id, attempts: pushOutbox.attempts })
    .from(pushOutbox)
    .where(due(pushOutbox, now))
    .orderBy(asc(pushOutbox.createdAt))
    .limit(limit)

export const dueSmsStatement = (db: Db, now: Date, limit: number) =>
  db
    .select({ id: smsOutbox.id, attempts: smsOutbox.attempts })
    .from(smsOutbox)
    .where(due(smsOutbox, now))
    .orderBy(asc(smsOutbox.createdAt))
    .limit(limit)

function claimWhere(table: Outbox, candidate: { id: string; attempts: number }) {
  return and(eq(table.id, candidate.id), eq(table.status, 'queued'), eq(table.attempts, candidate.attempts))
}

/** Claims a push message for one run, with the subscription it goes to. */
export async function claimPush(db: Db, candidate: { id: string; attempts: number }, until: Date) {
  const [claimed] = await db
    .update(pushOutbox)
    .set({ nextAttemptAt: until, attempts: sql`${pushOutbox.attempts} + 1` })
    .where(claimWhere(pushOutbox, candidate))
    .returning({ id: pushOutbox.id, attempts: pushOutbox.attempts, payload: pushOutbox.payload, subscriptionId: pushOutbox.subscriptionId })
  if (!claimed) return undefined
  const [subscription] = await db.select().from(pushSubscriptions).where(eq(pushSubscriptions.id, claimed.subscriptionId))
  return subscription ? { ...claimed, subscription } : undefined
}

export async function claimSms(db: Db, candidate: { id: string; attempts: number }, until: Date) {
  const [claimed] = await db.update(smsOutbox).set({ nextAttemptAt: until, attempts: sql`${smsOutbox.attempts} + 1` }).where(claimWhere(smsOutbox, candidate)).returning()
  return claimed
}

export const markPushSent = (db: Db, id: string, now: Date) => db.update(pushOutbox).set({ status: 'sent', sentAt: now, lastError: null }).where(eq(pushOutbox.id, id))
export const markSmsSent = (db: Db, id: string, providerSid: string, now: Date) =>
  db.update(smsOutbox).set({ status: 'sent', sentAt: now, providerSid, providerStatus: 'queued', lastError: null }).where(eq(smsOutbox.id, id))

type Failure = { giveUp: boolean; lastError: string; nextAttemptAt: Date }
export const markPushFailed = (db: Db, id: string, f: Failure) => db.update(pushOutbox).set({ status: f.giveUp ? 'failed' : 'queued', lastError: f.lastError, nextAttemptAt: f.nextAttemptAt }).where(eq(pushOutbox.id, id))
export const markSmsFailed = (db: Db, id: string, f: Failure) => db.update(smsOutbox).set({ status: f.giveUp ? 'failed' : 'queued', lastError: f.lastError, nextAttemptAt: f.nextAttemptAt }).where(eq(smsOutbox.id, id))

/** A subscription its push service says is gone (404/410): removed, with what was queued for it. */
export const deleteSubscription = (db: Db, id: string) => db.delete(pushSubscriptions).where(eq(pushSubscriptions.id, id))

/** What Twilio's status callback reports for a message it accepted. */
export const recordSmsStatus = (db: Db, sid: string, status: string) => db.update(smsOutbox).set({ providerStatus: status }).where(eq(smsOutbox.providerSid, sid))

/** The development outbox page's texts, newest first. */
export const recentSmsStatement = (db: Db, limit = 50) => db.select().from(smsOutbox).orderBy(sql`${smsOutbox.createdAt} desc`).limit(limit)
