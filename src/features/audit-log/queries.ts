import { and, asc, desc, eq, gt, isNotNull, isNull, like, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import type { Actor } from '../../core/actor'
import { isClinicScoped } from '../../core/clinic-scope'
import { personOfClinic } from '../../core/clinic-scope-queries'
import { auditLog, users } from '../../db/schema'
import type { AuditQuery } from './schemas'
import { keysetAfter, withinDays } from '../../core/table-queries'

// The audit log in insertion order (SQLite's rowid: rows are never deleted, so it only grows),
// with the columns a row's hash covers. `metadata` is the stored JSON text itself, so the hash
// is over exactly what is stored.
const chainColumns = {
  seq: sql<number>`${auditLog}.rowid`.mapWith(Number),
  id: auditLog.id,
  actorUserId: auditLog.actorUserId,
  actorRole: auditLog.actorRole,
  action: auditLog.action,
  entityType: auditLog.entityType,
  entityId: auditLog.entityId,
  subjectUserId: auditLog.subjectUserId,
  ip: auditLog.ip,
  userAgent: auditLog.userAgent,
  requestId: auditLog.requestId,
  metadata: sql<string | null>`${auditLog.metadata}`,
  createdAt: sql<number>`${auditLog.createdAt}`.mapWith(Number),
  prevHash: auditLog.prevHash,
  hash: auditLog.hash,
}
export type ChainRow = { seq: number; id: string; actorUserId: string | null; actorRole: string | null; action: string; entityType: string | null; entityId: string | null; subjectUserId: string | null; ip: string | null; userAgent: string | null; requestId: string | null; metadata: string | null; createdAt: number; prevHash: string | null; hash: string | null }

/** What a sealing run needs, read together: the last sealed row's hash and the rows after it. */
export function sealingStatements(db: Db, limit: number) {
  return [
    db.select({ seq: chainColumns.seq, hash: auditLog.hash }).from(auditLog).where(isNotNull(auditLog.hash)).orderBy(desc(sql`${auditLog}.rowid`)).limit(1),
    db.select(chainColumns).from(auditLog).where(isNull(auditLog.hash)).orderBy(asc(sql`${auditLog}.rowid`)).limit(limit),
  ] as const
}

/** Seals one row with its hashes, only if nobody sealed it first. */
export const sealStatement = (db: Db, id: string, prevHash: string, hash: string) => db.update(auditLog).set({ prevHash, hash }).where(and(eq(auditLog.id, id), isNull(auditLog.hash)))

/** Sealed rows after a position in the chain, in order, for verification. */
export const chainPageStatement = (db: Db, afterSeq: number, limit: number) =>
  db
    .select(chainColumns)
    .from(auditLog)
    .where(and(isNotNull(auditLog.hash), gt(sql`${auditLog}.rowid`, afterSeq)))
    .orderBy(asc(sql`${auditLog}.rowid`))
    .limit(limit)

export const unsealedCountStatement = (db: Db) => db.select({ n: sql<number>`count(*)`.mapWith(Number) }).from(auditLog).where(isNull(auditLog.hash))

// The audit table's filters: who acted, what, on what, whose data, when, from where.
function matching(f: AuditQuery) {
  return and(
    f.actor ? eq(auditLog.actorUserId, f.actor) : undefined,
    f.action ? like(auditLog.action, `${f.action.replace(/[\\%_]/g, (c) => `\\${c}`)}%`) : undefined,
    f.entity_type ? eq(auditLog.entityType, f.entity_type) : undefined,
    f.entity_id ? eq(auditLog.entityId, f.entity_id) : undefined,
    f.subject ? eq(auditLog.subjectUserId, f.subject) : undefined,
    f.ip ? eq(auditLog.ip, f.ip) : undefined,
    withinDays(auditLog.createdAt, f.from, f.to),
  )
}

// A clinic admin reads what their clinic's people did and what was done to them.
function auditScope(actor: Actor) {
  if (!isClinicScoped(actor)) return undefined
  return or(personOfClinic(actor.clinicId, auditLog.actorUserId), personOfClinic(actor.clinicId, auditLog.subjectUserId))
}

/** A page of audit rows, newest first, after a keyset position (created_at, id). */
export function auditPageStatement(db: Db, actor: Actor, query: AuditQuery, after: { v: number; id: string } | undefined, limit: number) {
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      actorUserId: auditLog.actorUserId,
      actorName: users.name,
      actorRole: auditLog.actorRole,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      subjectUserId: auditLog.subjectUserId,
      ip: auditLog.ip,
      metadata: auditLog.metadata,
      createdAt: auditLog.createdAt,
      sealed: sql<boolean>`${auditLog.hash} is not null`.mapWith(Boolean),
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(matching(query), auditScope(actor), keysetAfter(auditLog.createdAt, auditLog.id, 'desc', after && { v: new Date(after.v), id: after.id })))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(limit)
}
