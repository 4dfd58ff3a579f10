import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { parseKeyRing } from '../../lib/field-crypto'
import { jsonBody, queryParams } from '../../lib/validator'

import { recordReader } from '../../core/record-access'
import { ListQuery } from '../../core/input'
import { toApiPrescription, toApiPrescriptionSummary } from './present'
import { PrescriptionInput } from './schemas'
import { issuePrescription, listPrescriptions, readAppointmentPrescriptions, readPrescription } from './service'

// Prescriptions: issued once, corrected by superseding, never edited.
export const prescriptionsApi = new Hono<AppEnv>()

const ringOf = (c: Context<AppEnv>) => parseKeyRing(c.env.ENCRYPTION_KEYS)
const OffsetCursor = z.object({ o: z.number().int().min(0).max(100_000) })

prescriptionsApi.post('/appointments/:id/prescriptions', jsonBody(PrescriptionInput), async (c) => {
  const prescription = await issuePrescription(c.var.ctx, ringOf(c), recordReader(c), c.req.param('id'), c.req.valid('json'))
  return c.json({ prescription: toApiPrescription(prescription) }, 201)
})

prescriptionsApi.get('/appointments/:id/prescriptions', async (c) => {
  const { prescriptions } = await readAppointmentPrescriptions(c.var.db, ringOf(c), recordReader(c), c.req.param('id'))
  return c.json({ items: prescriptions.map(toApiPrescription), next_cursor: null })
})

prescriptionsApi.get('/prescriptions', queryParams(ListQuery), async (c) => {
  const { limit, cursor } = c.req.valid('query')
  const offset = decodeCursor(cursor, OffsetCursor)?.o ?? 0
  const page = await listPrescriptions(c.var.db, recordReader(c), { limit, offset })
  return c.json({ items: page.rows.map(toApiPrescriptionSummary), next_cursor: page.nextOffset === null ? null : encodeCursor({ o: page.nextOffset }) })
})

prescriptionsApi.get('/prescriptions/:id', async (c) => c.json({ prescription: toApiPrescription(await readPrescription(c.var.db, ringOf(c), recordReader(c), c.req.param('id'))) }))
