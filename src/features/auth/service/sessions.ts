import { isSupportAgent } from '../../../core/actor'
import { actorAuditStatement } from '../../../core/audit'
import { NotFoundError, UnauthorizedError } from '../../../lib/errors'
import type { RequestContext } from '../../../core/context'
import { findLiveSessions, liveSessionsStatement, revokeSession, revokeUserSessions } from '../session-queries'
import { announceSessionsEnded } from '../sessions-ended'

function requireSession(ctx: RequestContext) {
  if (!ctx.actor || !ctx.sessionId) throw new UnauthorizedError()
  return { user: ctx.actor, sessionId: ctx.sessionId }
}

/** The caller's live sessions, the current one marked. */
export async function listSessions(ctx: RequestContext) {
  const { user, sessionId } = requireSession(ctx)
  const rows = await findLiveSessions(ctx.db, user.id, ctx.now)
  return rows.map((s) => ({ ...s, current: s.id === sessionId }))
}

/** Ends one of the caller's sessions (audited); another person's session id is not found. */
export async function revokeOneSession(ctx: RequestContext, targetId: string) {
  const { user } = requireSession(ctx)
  const result = await revokeSession(ctx.db, user.id, targetId, 'revoked_by_user', ctx.now)
  if (result.rowsAffected === 0) throw new NotFoundError('No such session.')
  await actorAuditStatement(ctx, { action: 'auth.session.revoked', entityType: 'session', entityId: targetId })
  ctx.background(announceSessionsEnded(ctx, user.id))
}

/** Signs the caller out everywhere but here ("sign out other devices"); returns how many ended. */
export async function revokeOtherSessions(ctx: RequestContext) {
  const { user, sessionId } = requireSession(ctx)
  const [result] = await ctx.db.batch([
    revokeUserSessions(ctx.db, user.id, 'revoked_by_user', ctx.now, sessionId),
    actorAuditStatement(ctx, { action: 'auth.session.revoked_others', entityType: 'user', entityId: user.id }),
  ])
  ctx.background(announceSessionsEnded(ctx, user.id))
  return result.rowsAffected
}

/** What a live session may still do in a room: act as a verified doctor, answer support. */
export type LiveSession = { doctorVerified: boolean; supportAgent: boolean }

/**
 * Which of these sessions are still live, and what each may still do: what a room holding their
 * sockets checks every few seconds, in one query.
 */
export async function liveSessions(ctx: RequestContext, sessionIds: string[]): Promise<Map<string, LiveSession>> {
  if (sessionIds.length === 0) return new Map()
  const rows = await liveSessionsStatement(ctx.db, sessionIds, ctx.now)
  return new Map(rows.map((r) => [r.id, { doctorVerified: Boolean(r.doctorVerified), supportAgent: isSupportAgent(r) }]))
}
