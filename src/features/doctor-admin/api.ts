import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { csvResponse } from '../../lib/csv'
import { jsonBody, multipartParts, queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { downloadHeaders } from '../documents/present'
import { readUploadOf } from '../documents/upload'
import { ReasonInput } from '../user-admin/schemas'
import { DOCTOR_CSV_HEADER, doctorCsvFields, toApiAdminDoctor, toApiDoctorDocument } from './present'
import { ApplicationDocumentFields, DoctorEditInput, DoctorsQuery } from './schemas'
import {
  cancelUpcoming,
  changeDoctorStatus,
  doctorAdminDetail,
  editDoctor,
  exportDoctors,
  listDoctorsTable,
  markDocumentReviewed,
  openDoctorDocument,
  ownApplication,
  uploadApplicationDocument,
} from './service'

// The doctors console (super admins: every doctor; clinic admins: their clinic's), and a doctor's
// own application documents.
export const doctorAdminApi = new Hono<AppEnv>()

const admins = requireRole('admin:super', 'admin:clinic')
doctorAdminApi.use('/admin/doctors', admins)
doctorAdminApi.use('/admin/doctors.csv', admins)
doctorAdminApi.use('/admin/doctors/*', admins)

doctorAdminApi.get('/admin/doctors', queryParams(DoctorsQuery), async (c) => {
  const page = await listDoctorsTable(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map((d) => toApiAdminDoctor(d, c.var.ctx.now)), next_cursor: page.nextCursor })
})

doctorAdminApi.get('/admin/doctors.csv', queryParams(DoctorsQuery), (c) => csvResponse('doctors.csv', DOCTOR_CSV_HEADER, exportDoctors(c.var.ctx, c.req.valid('query')), doctorCsvFields(c.var.ctx.now)))

async function detailJson(c: { var: { ctx: Parameters<typeof doctorAdminDetail>[0] } }, id: string) {
  const d = await doctorAdminDetail(c.var.ctx, id)
  return {
    doctor: toApiAdminDoctor(d.doctor, c.var.ctx.now),
    documents: d.documents.map(toApiDoctorDocument),
    upcoming_appointments: d.upcoming.map((a) => ({ id: a.id, start: a.startAt.toISOString(), type: a.type, status: a.status, patient_name: a.patientName })),
    appointment_counts: d.appointmentCounts,
  }
}

doctorAdminApi.get('/admin/doctors/:id', async (c) => c.json(await detailJson(c, c.req.param('id'))))

doctorAdminApi.put('/admin/doctors/:id', jsonBody(DoctorEditInput), async (c) => {
  await editDoctor(c.var.ctx, c.req.param('id'), c.req.valid('json'))
  return c.json(await detailJson(c, c.req.param('id')))
})

doctorAdminApi.post('/admin/doctors/:id/:change{suspend|reinstate}', jsonBody(ReasonInput), async (c) => {
  await changeDoctorStatus(c.var.ctx, c.req.param('id'), c.req.param('change') as 'suspend' | 'reinstate', c.req.valid('json').reason)
  return c.json(await detailJson(c, c.req.param('id')))
})

doctorAdminApi.post('/admin/doctors/:id/cancel-upcoming', jsonBody(ReasonInput), async (c) => c.json({ cancelled: await cancelUpcoming(c.var.ctx, c.req.param('id'), c.req.valid('json').reason) }))

doctorAdminApi.get('/admin/doctors/:id/documents/:documentId', async (c) => {
  const { row, body } = await openDoctorDocument(c.var.ctx, c.req.param('id'), c.req.param('documentId'))
  return new Response(body, { headers: downloadHeaders(row) })
})

doctorAdminApi.post('/admin/doctors/:id/documents/:documentId/reviewed', async (c) => {
  await markDocumentReviewed(c.var.ctx, c.req.param('id'), c.req.param('documentId'))
  return c.body(null, 204)
})

// A doctor's own application documents (applicants included: any doctor account).
doctorAdminApi.get('/doctor-application/documents', async (c) => c.json({ items: (await ownApplication(c.var.ctx)).documents.map(toApiDoctorDocument), next_cursor: null }))

doctorAdminApi.post('/doctor-application/documents', async (c) => {
  const id = await uploadApplicationDocument(c.var.ctx, await readUploadOf(await multipartParts(c), ApplicationDocumentFields, { kind: 'other' }))
  const document = (await ownApplication(c.var.ctx)).documents.find((d) => d.id === id)!
  return c.json({ document: toApiDoctorDocument(document) }, 201)
})
