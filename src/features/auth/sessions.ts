import type { RequestContext } from '../../core/context'
import type { Db } from '../../db/client'
import type { Role } from '../../db/schema/enums'
import { actingDoctorId, type Actor } from '../../core/actor'
import { idleMinutesFor, needsRenewal, SESSION_ABSOLUTE_HOURS } from './session-policy'
import { findSessionWithUser, insertSession, touchSession } from './session-queries'
import { parseSettings, settingsOf } from '../../core/settings-of'
import type { Settings } from '../../core/settings'
import { signSessionToken } from './session-token'

export type ResolvedSession = {
  user: Actor
  sessionId: string
  // The platform settings, read in the same query.
  settings: Settings
  // Present when the idle deadline should move forward; the caller writes it off the hot path.
  renewal?: () => Promise<unknown>
}

// A session is alive when it exists, is not revoked, has not passed its idle or absolute
// deadline, and belongs to an active account. Anything else is no session at all.
export async function resolveSession(db: Db, sessionId: string, now: Date): Promise<ResolvedSession | undefined> {
  const row = await findSessionWithUser(db, sessionId)
  if (!row) return undefined
  const { session, user } = row
  const t = now.getTime()
  if (session.revokedAt || t >= session.idleExpiresAt.getTime() || t >= session.expiresAt.getTime()) return undefined
  if (user.status !== 'active') return undefined
  const settings = parseSettings(row.settings)
  const idleMinutes = idleMinutesFor(user.role, settings)
  const resolved: ResolvedSession = {
    sessionId: session.id,
    settings,
    user: {
      id: user.id,
      email: user.email,
      name: user.name,
      role: user.role,
      adminRole: user.adminRole,
      clinicId: user.clinicId,
      emailVerifiedAt: user.emailVerifiedAt,
      createdAt: user.createdAt,
      doctorId: actingDoctorId(row),
      doctorStatus: row.doctorStatus,
      unreadMessages: row.unreadMessages,
      unreadNotifications: row.unreadNotifications,
      timezone: row.timezone,
    },
  }
  if (needsRenewal(session.lastSeenAt, idleMinutes, now)) {
    const idleExpiresAt = new Date(Math.min(t + idleMinutes * 60_000, session.expiresAt.getTime()))
    resolved.renewal = () => touchSession(db, session.id, now, idleExpiresAt)
  }
  return resolved
}

/**
 * Opens a session for a user who has just proved who they are (from the request's device and
 * address), and returns its signed token.
 */
export async function startSession(ctx: Pick<RequestContext, 'db' | 'env' | 'userAgent' | 'ip' | 'now' | 'settings'>, user: { id: string; role: Role }) {
  const { now } = ctx
  const expiresAt = new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000)
  // The same idle time as every later request checks (resolveSession): the clinic's, if set.
  const idleExpiresAt = new Date(now.getTime() + idleMinutesFor(user.role, await settingsOf(ctx)) * 60_000)
  const [session] = await insertSession(ctx.db, {
    userId: user.id,
    userAgent: ctx.userAgent?.slice(0, 300) ?? null,
    ip: ctx.ip,
    now,
    idleExpiresAt,
    expiresAt,
  })
  return { sessionId: session!.id, expiresAt, token: await signSessionToken(ctx.env.SESSION_SECRET, session!) }
}
