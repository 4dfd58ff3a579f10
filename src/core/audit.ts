import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../db/client'
import { auditLog } from '../db/schema'
import { newId } from '../lib/ids'
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

/**
 * An audit insert as INSERT … SELECT, for entries written only when a condition holds: the caller
 * adds the FROM and WHERE. `subject` may be SQL (the patient of a row found by id).
 */
export function auditInsertSelect(entry: AuditEntry, subject: SQL | string | null = entry.subjectUserId ?? null): SQL {
  const metadata = entry.metadata ? JSON.stringify(entry.metadata) : null
  return sql`insert into ${auditLog} (id, actor_user_id, actor_role, action, entity_type, entity_id, subject_user_id, ip, user_agent, request_id, metadata, created_at)
    select ${newId('aud')}, ${entry.actorUserId ?? null}, ${entry.actorRole ?? null}, ${entry.action}, ${entry.entityType ?? null}, ${entry.entityId ?? null},
      ${subject}, ${entry.ip ?? null}, ${entry.userAgent ?? null}, ${entry.requestId ?? null}, ${metadata}, ${Date.now()}`
}

/**
 * The audit entry of what the signed-in actor changed, written only if the statement just before
 * it in the same batch changed a row (SQLite's changes()): a delete aimed at nothing, or refused,
 * leaves no entry.
 */
export function actorAuditIfChanged(ctx: RequestContext, entry: Omit<AuditEntry, 'actorUserId' | 'actorRole' | 'ip' | 'userAgent' | 'requestId'>) {
  const actor = requireActor(ctx)
  return ctx.db.run(sql`${auditInsertSelect({ ...entry, actorUserId: actor.id, actorRole: actor.role, ...requestOrigin(ctx) })} where changes() > 0`)
}
