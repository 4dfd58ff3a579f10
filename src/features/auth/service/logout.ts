import { actorAuditStatement } from '../../../core/audit'
import { UnauthorizedError } from '../../../lib/errors'
import type { RequestContext } from '../../../core/context'
import { revokeSession } from '../session-queries'
import { announceSessionsEnded } from '../sessions-ended'

/**
 * Ends the caller's session at once: the row is revoked, so the token and cookie stop working on
 * the very next request wherever they are.
 */
export async function logout(ctx: RequestContext) {
  if (!ctx.actor || !ctx.sessionId) throw new UnauthorizedError()
  await ctx.db.batch([
    revokeSession(ctx.db, ctx.actor.id, ctx.sessionId, 'logout', ctx.now),
    actorAuditStatement(ctx, { action: 'auth.logout', entityType: 'session', entityId: ctx.sessionId }),
  ])
  // Open chat and call sockets of this session close too (4003), not just the next request.
  ctx.background(announceSessionsEnded(ctx, ctx.actor.id))
}
