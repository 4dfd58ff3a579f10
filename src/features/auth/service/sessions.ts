import { auditStatement } from '../../../core/audit'
import { NotFoundError, UnauthorizedError } from '../../../lib/errors'
import { requestOrigin, type RequestContext } from '../../../core/context'
import { findLiveSessions, revokeSession, revokeUserSessions } from '../session-queries'

function requireSession(ctx: RequestContext) {
  if (!ctx.actor || !ctx.sessionId) throw new UnauthorizedError()
  return { user: ctx.actor, sessionId: ctx.sessionId }
}

export async function listSessions(ctx: RequestContext) {
  const { user, sessionId } = requireSession(ctx)
  const rows = await findLiveSessions(ctx.db, user.id, new Date())
  return rows.map((s) => ({ ...s, current: s.id === sessionId }))
}

// Scoped to the caller: another person's session id is not found.
export async function revokeOneSession(ctx: RequestContext, targetId: string) {
  const { user } = requireSession(ctx)
  const now = new Date()
  const result = await revokeSession(ctx.db, user.id, targetId, 'revoked_by_user', now)
  if (result.rowsAffected === 0) throw new NotFoundError('No such session.')
  await auditStatement(ctx.db, { action: 'auth.session.revoked', actorUserId: user.id, entityType: 'session', entityId: targetId, ...requestOrigin(ctx), })
}

export async function revokeOtherSessions(ctx: RequestContext) {
  const { user, sessionId } = requireSession(ctx)
  const now = new Date()
  const [result] = await ctx.db.batch([
    revokeUserSessions(ctx.db, user.id, 'revoked_by_user', now, sessionId),
    auditStatement(ctx.db, { action: 'auth.session.revoked_others', actorUserId: user.id, entityType: 'user', entityId: user.id, ...requestOrigin(ctx), }),
  ])
  return result.rowsAffected
}
