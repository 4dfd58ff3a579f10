import { and, desc, eq, gt, inArray, isNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { notificationPreferences, notifications, phoneVerifications, pushSubscriptions, smsOutbox, users } from '../../db/schema'
import type { Channel, NoticeKind } from '../../core/notices/kinds'

export type NotificationPosition = { createdAt: number; id: string }

/** A person's notifications, newest first, after a keyset position. */
export function notificationsStatement(db: Db, userId: string, after: NotificationPosition | undefined, limit: number) {
  return db
    .select()
    .from(notifications)
    .where(
      and(
        eq(notifications.userId, userId),
        after ? or(lt(notifications.createdAt, new Date(after.createdAt)), and(eq(notifications.createdAt, new Date(after.createdAt)), lt(notifications.id, after.id))) : undefined,
      ),
    )
    .orderBy(desc(notifications.createdAt), desc(notifications.id))
    .limit(limit)
}

/** The unread count, for the list's header (the session lookup carries it for every page). */
export const unreadCountStatement = (db: Db, userId: string) =>
  db.select({ count: sql<number>`count(*)`.mapWith(Number) }).from(notifications).where(and(eq(notifications.userId, userId), isNull(notifications.readAt)))

/** The person's number for text messages (verified or not), and one waiting for its code. */
export const phoneStatement = (db: Db, userId: string, now: Date) =>
  db
    .select({ phone: users.phone, verifiedAt: users.phoneVerifiedAt, pending: phoneVerifications.phone })
    .from(users)
    .leftJoin(phoneVerifications, and(eq(phoneVerifications.userId, users.id), gt(phoneVerifications.expiresAt, now)))
    .where(eq(users.id, userId))

/** Marks one of the person's notifications read and returns where it leads; nothing for another's. */
export const openNotificationStatement = (db: Db, userId: string, id: string, now: Date) =>
  db
    .update(notifications)
    .set({ readAt: sql`coalesce(${notifications.readAt}, ${now.getTime()})` })
    .where(and(eq(notifications.id, id), eq(notifications.userId, userId)))
    .returning({ link: notifications.link })

/** Marks some of a person's notifications read (others' ids are ignored), or all of them. */
export function markReadStatement(db: Db, userId: string, which: { ids: string[] } | { all: true }, now: Date) {
  return db
    .update(notifications)
    .set({ readAt: now })
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt), 'ids' in which ? inArray(notifications.id, which.ids) : undefined))
}

export const preferenceRowsStatement = (db: Db, userId: string) =>
  db.select({ kind: notificationPreferences.kind, email: notificationPreferences.email, push: notificationPreferences.push, sms: notificationPreferences.sms }).from(notificationPreferences).where(eq(notificationPreferences.userId, userId))

/** A person's choice for each kind, replacing what they chose before. */
export function savePreferencesStatements(db: Db, userId: string, choices: { kind: NoticeKind; channels: Record<Channel, boolean> }[], now: Date) {
  return choices.map(({ kind, channels }) =>
    db
      .insert(notificationPreferences)
      .values({ userId, kind, ...channels, updatedAt: now })
      .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { ...channels, updatedAt: now } }),
  )
}

/** A browser's subscription, kept for the signed-in person (a browser used by someone new moves to them). */
export const savePushSubscriptionStatement = (db: Db, row: { userId: string; endpoint: string; p256dh: string; auth: string; userAgent: string | null; now: Date }) =>
  db
    .insert(pushSubscriptions)
    .values({ userId: row.userId, endpoint: row.endpoint, p256dh: row.p256dh, auth: row.auth, userAgent: row.userAgent, createdAt: row.now })
    .onConflictDoUpdate({ target: pushSubscriptions.endpoint, set: { userId: row.userId, p256dh: row.p256dh, auth: row.auth, userAgent: row.userAgent } })
    .returning({ id: pushSubscriptions.id })

export const deletePushSubscriptionStatement = (db: Db, userId: string, endpoint: string) =>
  db.delete(pushSubscriptions).where(and(eq(pushSubscriptions.userId, userId), eq(pushSubscriptions.endpoint, endpoint)))

/** A new code for a number (replacing any earlier one) and the text that carries it, in one batch. */
export function startPhoneVerificationStatements(db: Db, v: { userId: string; phone: string; codeHash: string; expiresAt: Date; text: string; now: Date }) {
  return [
    db
      .insert(phoneVerifications)
      .values({ userId: v.userId, phone: v.phone, codeHash: v.codeHash, attempts: 0, expiresAt: v.expiresAt, createdAt: v.now })
      .onConflictDoUpdate({ target: phoneVerifications.userId, set: { phone: v.phone, codeHash: v.codeHash, attempts: 0, expiresAt: v.expiresAt, createdAt: v.now } }),
    db.insert(smsOutbox).values({ userId: v.userId, toNumber: v.phone, body: v.text, nextAttemptAt: v.now, createdAt: v.now }),
  ] as const
}

/** Counts an attempt at the person's live code and returns it (attempts included) to compare. */
export const attemptPhoneCodeStatement = (db: Db, userId: string, now: Date) =>
  db
    .update(phoneVerifications)
    .set({ attempts: sql`${phoneVerifications.attempts} + 1` })
    .where(and(eq(phoneVerifications.userId, userId), gt(phoneVerifications.expiresAt, now)))
    .returning()

/** The number becomes the person's, verified; the code is spent. */
export const confirmPhoneStatements = (db: Db, userId: string, phone: string, now: Date) =>
  [db.update(users).set({ phone, phoneVerifiedAt: now, updatedAt: now }).where(eq(users.id, userId)), db.delete(phoneVerifications).where(eq(phoneVerifications.userId, userId))] as const

/** Turns one kind's email off for a person, keeping their other channels as they were. */
export function emailOffStatement(db: Db, userId: string, kind: NoticeKind, defaults: Record<Channel, boolean>, now: Date) {
  return db
    .insert(notificationPreferences)
    .values({ userId, kind, ...defaults, email: false, updatedAt: now })
    .onConflictDoUpdate({ target: [notificationPreferences.userId, notificationPreferences.kind], set: { email: false, updatedAt: now } })
}
