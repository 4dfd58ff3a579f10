import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { csvResponse } from '../../lib/csv'
import { queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { AuditQuery } from './schemas'
import { exportAudit, listAudit, verifyAuditChain } from './service'
import { AUDIT_CSV_HEADER, auditCsvFields, toApiAuditEntry } from './present'

export const auditLogApi = new Hono<AppEnv>()

const readers = requireRole('admin:super', 'admin:clinic')

auditLogApi.get('/admin/audit', readers, queryParams(AuditQuery), async (c) => {
  const page = await listAudit(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map(toApiAuditEntry), next_cursor: page.nextCursor })
})

auditLogApi.get('/admin/audit.csv', readers, queryParams(AuditQuery), async (c) => {
  return csvResponse('audit-log.csv', AUDIT_CSV_HEADER, exportAudit(c.var.ctx, c.req.valid('query')), auditCsvFields)
})

auditLogApi.get('/admin/audit/verify', readers, async (c) => {
  const result = await verifyAuditChain(c.var.ctx)
  return c.json({ ok: result.ok, checked: result.checked, broken_at: result.broken_at, unsealed: result.unsealed })
})
