import type { Context } from 'hono'
import type { Db } from '../../db/client'
import type { Role } from '../../db/schema/enums'
import { auditStatement } from '../audit/record'
import type { AppEnv, Bindings } from '../../env'
import { clientIp, runAfterResponse, userAgent } from '../../lib/request-context'
import type { SessionUser } from './session-user'

// What an auth service verb needs from the request, without the request itself.
export type AuthContext = {
  db: Db
  env: Bindings
  user?: SessionUser
  sessionId?: string
  ip: string | null
  userAgent: string | null
  requestId: string
  // Runs work (emails) after the response without losing it.
  background: (work: Promise<unknown>) => void
}

export function authContext(c: Context<AppEnv>): AuthContext {
  return {
    db: c.var.db,
    env: c.env,
    user: c.var.user,
    sessionId: c.var.sessionId,
    ip: clientIp(c),
    userAgent: userAgent(c),
    requestId: c.var.requestId,
    background: (work) => runAfterResponse(c, work),
  }
}

// Where a request came from, for audit entries.
export function requestOrigin(ctx: AuthContext) {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId }
}

// The audit entry of a successful sign-in, however it happened.
export function signedInAudit(ctx: AuthContext, user: { id: string; role: Role }, sessionId: string, method: string) {
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
