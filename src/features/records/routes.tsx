import { Hono } from 'hono'
import { AccessPage } from '../../../views/records/access-page'
import { PatientResults, PatientsPage } from '../../../views/records/patients-page'
import { DoctorPatientPage, RecordOverviewPage, VisitsPage } from '../../../views/records/record-pages'
import type { AppEnv } from '../../env'
import { renderView } from '../../core/page'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { ListQuery } from '../../core/input'
import { PatientsQuery } from './schemas'
import { listDoctorPatients, listRecordAccess, patientRecord } from './service'

// The record as a whole: a doctor's patients and the patient's "who saw my record".
export const recordRoutes = new Hono<AppEnv>()

// A page's query string is typed by a person: an unusable one is ignored, not an error page.
const pageQuery = <T,>(parsed: { success: true; data: T } | { success: false }, fallback: T) => (parsed.success ? parsed.data : fallback)

recordRoutes.get('/doctor/patients', requireRole('doctor'), async (c) => {
  const query = pageQuery(PatientsQuery.safeParse(c.req.query()), { limit: 20 })
  const list = await listDoctorPatients(c.var.ctx, { ...query, limit: 20 })
  const view = { items: list.items, nextCursor: list.next_cursor, q: query.q ?? '', timezone: viewerTimeZone(c, 'UTC').timezone }
  return renderView(c, { title: 'My patients', body: <PatientsPage {...view} />, fragment: <PatientResults {...view} /> })
})

recordRoutes.get('/record/access', requireRole('patient'), async (c) => {
  const query = pageQuery(ListQuery.safeParse(c.req.query()), { limit: 50 })
  const list = await listRecordAccess(c.var.ctx, { ...query, limit: 50 })
  return renderView(c, { title: 'Who saw my record', body: <AccessPage items={list.items} nextCursor={list.next_cursor} timezone={viewerTimeZone(c, 'UTC').timezone} /> })
})

recordRoutes.get('/doctor/patients/:id', requireRole('doctor'), async (c) => {
  const record = await patientRecord(c.var.ctx, c.req.param('id'))
  return renderView(c, { title: record.patient.name, body: <DoctorPatientPage record={record} timezone={viewerTimeZone(c, 'UTC').timezone} /> })
})

// The patient's own record: the overview and the visits page read the same record.
const OWN_RECORD_PAGES = [
  ['/record', 'My record', RecordOverviewPage],
  ['/record/visits', 'Visits and prescriptions', VisitsPage],
] as const
for (const [path, title, Page] of OWN_RECORD_PAGES) {
  recordRoutes.get(path, requireRole('patient'), async (c) => {
    const record = await patientRecord(c.var.ctx, c.var.ctx.actor!.id)
    return renderView(c, { title, body: <Page record={record} timezone={viewerTimeZone(c, record.patient.timezone ?? 'UTC').timezone} /> })
  })
}
