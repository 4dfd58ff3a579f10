import type { Db } from '../db/client'
import { auditLog } from '../db/schema'
import { requestOrigin, requireActor, type RequestContext } from './context'

export type AuditEntry = {
  action: string
  actorUserId?: string | null
  actorRole?: string | null
  entityType?: string
  entityId?: string
  subjectUserId?: string | null
  ip?: string | null
  userAgent?: string | null
  requestId?: string
  metadata?: Record<string, unknown>
}

// An insert statement, so callers can put it in the same db.batch as the change it records.
export function auditStatement(db: Db, entry: AuditEntry) {
  return db.insert(auditLog).values(entry)
}

/** The audit entry of something the signed-in actor did, with where the request came from. */
export function actorAuditStatement(ctx: RequestContext, entry: Omit<AuditEntry, 'actorUserId' | 'actorRole' | 'ip' | 'userAgent' | 'requestId'>) {
  const actor = requireActor(ctx)
  return auditStatement(ctx.db, { ...entry, actorUserId: actor.id, actorRole: actor.role, ...requestOrigin(ctx) })
}
