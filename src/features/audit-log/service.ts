import { actorAuditStatement } from '../../core/audit'
import { isClinicAdmin } from '../../core/actor'
import { requireActor, type RequestContext } from '../../core/context'
import { batchGroups } from '../../core/batch-groups'
import { keysetPages, pageOf } from '../../core/keyset-pages'
import { decodeCursor } from '../../lib/cursor'
import { ForbiddenError } from '../../lib/errors'
import { sha256Hex } from '../../lib/hash'
import { z } from 'zod'
import { auditPageStatement, chainPageStatement, sealingStatements, sealStatement, unsealedCountStatement, type ChainRow } from './queries'
import type { AuditQuery } from './schemas'

// The tamper-evident audit log. Rows are written on the request path, in the batch of what they
// record, as always; a sealing job then chains them in insertion order: each row's hash covers
// its content and the hash before it, so changing, removing or reordering any sealed row breaks
// every hash after it. The database refuses deletes and every update but the one sealing (the
// triggers of migration 0009); the chain catches what a trigger cannot (someone with the
// database dropping them).

// The first row's "previous hash".
export const GENESIS = '0'.repeat(64)

/** A row's hash: SHA-256 of the previous hash and the row's content, in a fixed order. */
export function rowHash(prevHash: string, row: ChainRow) {
  return sha256Hex(JSON.stringify([prevHash, row.id, row.actorUserId, row.actorRole, row.action, row.entityType, row.entityId, row.subjectUserId, row.ip, row.userAgent, row.requestId, row.metadata, row.createdAt]))
}

/** Seals the rows written since the last run (at most `perRun`), in order; safe to run twice at once. */
export async function sealAuditLog(ctx: Pick<RequestContext, 'db'>, bounds = { perRun: 5_000 }) {
  const [[last], rows] = await ctx.db.batch(sealingStatements(ctx.db, bounds.perRun))
  if (rows.length === 0) return { sealed: 0 }
  let prev = last?.hash ?? GENESIS
  const groups = []
  for (const row of rows) {
    const hash = await rowHash(prev, row)
    groups.push({ statements: [sealStatement(ctx.db, row.id, prev, hash)] })
    prev = hash
  }
  // Another run that sealed the same rows first computed the same hashes: its rows stand.
  return { sealed: (await batchGroups(ctx.db, groups)).length }
}

const VERIFY_PAGE = 2_000

/**
 * Recomputes the chain from the first sealed row: ok, how many rows were checked, and the id of
 * the first row whose content or link does not match (null if none). Rows not sealed yet are
 * sealed first, so the answer covers everything written until now.
 */
export async function verifyAuditChain(ctx: RequestContext) {
  requireAuditReader(ctx)
  await sealAuditLog(ctx, { perRun: 50_000 })
  let prev = GENESIS
  let after = 0
  let checked = 0
  for (;;) {
    const rows = await chainPageStatement(ctx.db, after, VERIFY_PAGE)
    for (const row of rows) {
      if (row.prevHash !== prev || row.hash !== (await rowHash(prev, row))) return { ok: false, checked, broken_at: row.id, unsealed: await unsealed(ctx) }
      prev = row.hash!
      checked++
    }
    if (rows.length < VERIFY_PAGE) break
    after = rows.at(-1)!.seq
  }
  await actorAuditStatement(ctx, { action: 'admin.audit.verified', entityType: 'audit_log', metadata: { checked } })
  return { ok: true, checked, broken_at: null, unsealed: await unsealed(ctx) }
}

const unsealed = async (ctx: RequestContext) => (await unsealedCountStatement(ctx.db))[0]?.n ?? 0

// Super and clinic admins read the audit log (a clinic admin their clinic's part of it); support admins see no medical data anywhere, and
// the log says who read whose record.
function requireAuditReader(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (!isClinicAdmin(actor)) throw new ForbiddenError()
  return actor
}

export const AUDIT_PAGE = 50
const EXPORT_PAGE = 500
const Position = z.object({ v: z.number(), id: z.string().max(40) })

export async function listAudit(ctx: RequestContext, query: AuditQuery) {
  const actor = requireAuditReader(ctx)
  const rows = await auditPageStatement(ctx.db, actor, query, decodeCursor(query.cursor, Position), AUDIT_PAGE + 1)
  return pageOf(rows, AUDIT_PAGE, (row) => ({ v: row.createdAt.getTime(), id: row.id }))
}

/** Every matching row, page by page (a streamed CSV export); the export itself is audited. */
export async function* exportAudit(ctx: RequestContext, query: AuditQuery) {
  const actor = requireAuditReader(ctx)
  await actorAuditStatement(ctx, { action: 'admin.audit.exported', entityType: 'audit_log', metadata: { filters: { ...query, cursor: undefined } } })
  yield* keysetPages((after: { v: number; id: string } | undefined) => auditPageStatement(ctx.db, actor, query, after, EXPORT_PAGE), (row) => ({ v: row.createdAt.getTime(), id: row.id }), EXPORT_PAGE)
}
