import { Hono } from 'hono'
import { ReportsPage } from '../../../views/admin/reports-page'
import { withoutEmpty } from '../../core/input'
import { renderView } from '../../core/page'
import type { AppEnv } from '../../env'
import { requireRole } from '../../middleware/access-control'
import { REPORTS, ReportQuery, type ReportName } from './schemas'
import { runReport } from './service'

export const reportRoutes = new Hono<AppEnv>()

reportRoutes.use('/admin/reports', requireRole('admin:super', 'admin:clinic'))

reportRoutes.get('/admin/reports', async (c) => {
  const fields = withoutEmpty(c.req.query())
  const name: ReportName = REPORTS.includes(fields.report as ReportName) ? (fields.report as ReportName) : 'utilisation'
  const asked = ReportQuery.safeParse(fields)
  // A range typed by hand that makes no sense shows the default range, and says why.
  const query = asked.success ? asked.data : ReportQuery.parse({ by: fields.by === 'doctor' || fields.by === 'specialty' ? fields.by : undefined })
  const { report, clinics } = await runReport(c.var.ctx, name, query)
  const error = asked.success ? undefined : `The range was not understood (${asked.error.issues.map((i) => `${i.path.join('.') || 'range'} ${i.message}`).join('; ')}), so the last 8 weeks are shown.`
  return renderView(c, { title: 'Reports', body: <ReportsPage report={report} state={{ ...fields, report: name }} clinics={clinics} error={error} /> })
})
