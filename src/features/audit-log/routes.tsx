import { tablePage } from '../../core/table-page'
import { Hono, type Context } from 'hono'
import { AuditPage, type ChainCheck } from '../../../views/admin/audit-page'
import { renderView } from '../../core/page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { toApiAuditEntry } from './present'
import { AuditQuery } from './schemas'
import { listAudit, verifyAuditChain } from './service'

export const auditLogRoutes = new Hono<AppEnv>()

auditLogRoutes.use('/admin/audit', requireRole('admin:super', 'admin:clinic'))
auditLogRoutes.use('/admin/audit/*', requireRole('admin:super', 'admin:clinic'))

async function renderAudit(c: Context<AppEnv>, check?: ChainCheck) {
  const { page, fields, understood } = await tablePage(c, AuditQuery, (q) => listAudit(c.var.ctx, q))
  return renderView(c, {
    title: 'Audit log',
    body: <AuditPage items={page.items.map(toApiAuditEntry)} state={fields} nextCursor={page.nextCursor} timezone={viewerTimeZone(c, 'UTC').timezone} check={check} error={understood ? undefined : 'Some filters were not understood, so every entry is shown.'} />,
  })
}

auditLogRoutes.get('/admin/audit', (c) => renderAudit(c))

// Recomputing the chain reads every row: a button (POST), not something a link or a crawler sets off.
auditLogRoutes.post('/admin/audit/verify', async (c) => renderAudit(c, await verifyAuditChain(c.var.ctx)))
