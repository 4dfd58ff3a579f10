import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody, queryParams } from '../../lib/validator'

import { ListQuery } from '../../core/input'
import { toApiPrescription, toApiPrescriptionSummary } from './present'
import { PrescriptionInput } from './schemas'
import { issuePrescription, listPrescriptions, readAppointmentPrescriptions, readPrescription } from './service'

// Prescriptions: issued once, corrected by superseding, never edited.
export const prescriptionsApi = new Hono<AppEnv>()


prescriptionsApi.post('/appointments/:id/prescriptions', jsonBody(PrescriptionInput), async (c) => {
  const prescription = await issuePrescription(c.var.ctx, { ...c.req.valid('json'), appointmentId: c.req.param('id') })
  return c.json({ prescription: toApiPrescription(prescription) }, 201)
})

prescriptionsApi.get('/appointments/:id/prescriptions', async (c) => {
  const { prescriptions } = await readAppointmentPrescriptions(c.var.ctx, c.req.param('id'))
  return c.json({ items: prescriptions.map(toApiPrescription), next_cursor: null })
})

prescriptionsApi.get('/prescriptions', queryParams(ListQuery), async (c) => {
  const page = await listPrescriptions(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.rows.map(toApiPrescriptionSummary), next_cursor: page.nextCursor })
})

prescriptionsApi.get('/prescriptions/:id', async (c) => c.json({ prescription: toApiPrescription(await readPrescription(c.var.ctx, c.req.param('id'))) }))
