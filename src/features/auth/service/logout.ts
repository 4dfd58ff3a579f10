import { actorAuditStatement } from '../../../core/audit'
import { UnauthorizedError } from '../../../lib/errors'
import type { RequestContext } from '../../../core/context'
import { revokeSession } from '../session-queries'

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
}
