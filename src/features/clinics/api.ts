import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { toApiClinic } from './present'
import { ClinicInput } from './schemas'
import { addClinic, changeClinic, clinicDetail, listClinics } from './service'

// Clinics: super admins manage them; a clinic admin reads their own.
export const clinicsApi = new Hono<AppEnv>()

clinicsApi.use('/admin/clinics', requireRole('admin:super', 'admin:clinic'))
clinicsApi.use('/admin/clinics/*', requireRole('admin:super', 'admin:clinic'))

clinicsApi.get('/admin/clinics', async (c) => c.json({ items: (await listClinics(c.var.ctx)).map(toApiClinic), next_cursor: null }))
clinicsApi.post('/admin/clinics', requireRole('admin:super'), jsonBody(ClinicInput), async (c) => {
  const id = await addClinic(c.var.ctx, c.req.valid('json'))
  return c.json({ clinic: toApiClinic((await clinicDetail(c.var.ctx, id)).clinic) }, 201)
})
clinicsApi.get('/admin/clinics/:id', async (c) => {
  const { clinic, doctors } = await clinicDetail(c.var.ctx, c.req.param('id'))
  return c.json({ clinic: { ...toApiClinic(clinic), doctors: doctors.map((d) => ({ id: d.id, name: d.name, status: d.status })) } })
})
clinicsApi.put('/admin/clinics/:id', requireRole('admin:super'), jsonBody(ClinicInput), async (c) => {
  await changeClinic(c.var.ctx, c.req.param('id'), c.req.valid('json'))
  return c.json({ clinic: toApiClinic((await clinicDetail(c.var.ctx, c.req.param('id'))).clinic) })
})
