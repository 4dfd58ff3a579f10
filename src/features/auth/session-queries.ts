import { and, eq, gt, inArray, isNull, ne, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { accountColumns } from './user-queries'
import { availabilitySettings, doctors, patientProfiles, sessions, totpSecrets, users } from '../../db/schema'
import { findUserPasskeys } from './passkey-queries'
import { unreadTotalSql } from '../chat/queries'
import { allSettingsSql } from '../../core/settings-queries'
import { unreadNotificationsSql } from '../../core/notices/queries'

// The session, its user (with doctor status and unread counts) and every platform setting, in
// one round trip.
export async function findSessionWithUser(db: Db, sessionId: string) {
  const [row] = await db
    .select({
      session: {
        id: sessions.id,
        lastSeenAt: sessions.lastSeenAt,
        idleExpiresAt: sessions.idleExpiresAt,
        expiresAt: sessions.expiresAt,
        revokedAt: sessions.revokedAt,
      },
      user: accountColumns,
      doctorId: doctors.id,
      doctorStatus: doctors.status,
      // Every platform setting, as JSON: the request's rules at no extra round trip.
      settings: allSettingsSql,
      // For the header's "Messages (3)": one more subquery, not one more round trip.
      unreadMessages: unreadTotalSql(users.id),
      // And the bell's count, the same way.
      unreadNotifications: unreadNotificationsSql(users.id),
      // The person's own zone, when known: a patient's profile, a doctor's schedule.
      timezone: sql<string | null>`coalesce(${patientProfiles.timezone}, ${availabilitySettings.timezone})`,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(doctors, eq(doctors.userId, users.id))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .leftJoin(availabilitySettings, eq(availabilitySettings.doctorId, doctors.id))
    .where(eq(sessions.id, sessionId))
    .limit(1)
  return row
}


export function insertSession(
  db: Db,
  values: { userId: string; userAgent: string | null; ip: string | null; now: Date; idleExpiresAt: Date; expiresAt: Date },
) {
  return db
    .insert(sessions)
    .values({
      userId: values.userId,
      userAgent: values.userAgent,
      ip: values.ip,
      createdAt: values.now,
      lastSeenAt: values.now,
      idleExpiresAt: values.idleExpiresAt,
      expiresAt: values.expiresAt,
    })
    .returning({ id: sessions.id, expiresAt: sessions.expiresAt })
}

// Only moves the deadline forward, so two concurrent renewals cannot shorten it.
export function touchSession(db: Db, sessionId: string, now: Date, idleExpiresAt: Date) {
  return db
    .update(sessions)
    .set({ lastSeenAt: now, idleExpiresAt })
    .where(and(eq(sessions.id, sessionId), isNull(sessions.revokedAt), sql`${sessions.idleExpiresAt} < ${idleExpiresAt.getTime()}`))
}

export function revokeSession(db: Db, userId: string, sessionId: string, reason: string, now: Date) {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), isNull(sessions.revokedAt)))
}

// Every live session of a user, except one when given (the one making the request).
export function revokeUserSessions(db: Db, userId: string, reason: string, now: Date, exceptSessionId?: string) {
  return db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: reason })
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        exceptSessionId ? ne(sessions.id, exceptSessionId) : undefined,
      ),
    )
}

export function findLiveSessions(db: Db, userId: string, now: Date) {
  return db
    .select({
      id: sessions.id,
      userAgent: sessions.userAgent,
      ip: sessions.ip,
      createdAt: sessions.createdAt,
      lastSeenAt: sessions.lastSeenAt,
    })
    .from(sessions)
    .where(
      and(
        eq(sessions.userId, userId),
        isNull(sessions.revokedAt),
        sql`${sessions.idleExpiresAt} > ${now.getTime()}`,
        sql`${sessions.expiresAt} > ${now.getTime()}`,
      ),
    )
    .orderBy(sql`${sessions.lastSeenAt} desc`)
}

// Everything the security page shows, in one round trip.
export async function findSecurityOverview(db: Db, userId: string, now: Date) {
  const [passkeyRows, sessionRows, totpRows] = await db.batch([
    findUserPasskeys(db, userId),
    findLiveSessions(db, userId, now),
    db.select({ enabledAt: totpSecrets.enabledAt }).from(totpSecrets).where(eq(totpSecrets.userId, userId)),
  ])
  return { passkeys: passkeyRows, sessions: sessionRows, totpEnabled: Boolean(totpRows[0]?.enabledAt) }
}

// Which of these sessions are live, with whether their user acts as a verified doctor: the check
// a room makes of its sockets every few seconds, one query for all of them.
export function liveSessionsStatement(db: Db, sessionIds: string[], now: Date) {
  return db
    .select({ id: sessions.id, userId: sessions.userId, role: users.role, adminRole: users.adminRole, doctorVerified: sql<number>`coalesce(${doctors.status} = 'verified', 0)` })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .leftJoin(doctors, eq(doctors.userId, users.id))
    .where(and(inArray(sessions.id, sessionIds), isNull(sessions.revokedAt), gt(sessions.expiresAt, now), gt(sessions.idleExpiresAt, now), eq(users.status, 'active')))
}
