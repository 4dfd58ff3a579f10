import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { csvResponse } from '../../lib/csv'
import { NotFoundError } from '../../lib/errors'
import { queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { REPORTS, ReportQuery, type ReportName } from './schemas'
import { runReport } from './service'

// GET /admin/reports/:report → { report, from, to, rows }; /admin/reports/:report.csv the same as CSV.
export const reportsApi = new Hono<AppEnv>()

reportsApi.use('/admin/reports/*', requireRole('admin:super', 'admin:clinic'))

const reportName = (param: string) => {
  if (!REPORTS.includes(param as ReportName)) throw new NotFoundError('No such report.')
  return param as ReportName
}

reportsApi.get('/admin/reports/:file{[a-z-]+\\.csv}', queryParams(ReportQuery), async (c) => {
  const { report } = await runReport(c.var.ctx, reportName(c.req.param('file').replace(/\.csv$/, '')), c.req.valid('query'))
  const pages = (async function* () {
    yield report.rows
  })()
  return csvResponse(`${report.name}-${report.from}-${report.to}.csv`, report.columns.map(([key]) => key), pages, (row) => report.columns.map(([key]) => row[key]))
})

reportsApi.get('/admin/reports/:report', queryParams(ReportQuery), async (c) => {
  const { report } = await runReport(c.var.ctx, reportName(c.req.param('report')), c.req.valid('query'))
  return c.json({ report: report.name, from: report.from, to: report.to, rows: report.rows })
})
