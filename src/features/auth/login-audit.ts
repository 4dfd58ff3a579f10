import type { Role } from '../../db/schema/enums'
import { requestOrigin, type RequestContext } from '../../core/context'
import { auditStatement } from '../../core/audit'

// The audit entry of a successful sign-in, however it happened.
export function signedInAudit(ctx: RequestContext, user: { id: string; role: Role }, sessionId: string, method: string) {
  return auditStatement(ctx.db, {
    action: 'auth.login.succeeded',
    actorUserId: user.id,
    actorRole: user.role,
    entityType: 'session',
    entityId: sessionId,
    ...requestOrigin(ctx),
    metadata: { method },
  })
}
