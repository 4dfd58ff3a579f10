import { auditStatement } from '../../audit/record'
import { UnauthorizedError } from '../../../lib/errors'
import { requestOrigin, type AuthContext } from '../context'
import { revokeSession } from '../session-queries'

// Ends the caller's session at once: the row is revoked, so the token and cookie stop working
// on the very next request wherever they are.
export async function logout(ctx: AuthContext) {
  if (!ctx.user || !ctx.sessionId) throw new UnauthorizedError()
  const now = new Date()
  await ctx.db.batch([
    revokeSession(ctx.db, ctx.user.id, ctx.sessionId, 'logout', now),
    auditStatement(ctx.db, {
      action: 'auth.logout',
      actorUserId: ctx.user.id,
      actorRole: ctx.user.role,
      entityType: 'session',
      entityId: ctx.sessionId,
      ...requestOrigin(ctx),
    }),
  ])
}
