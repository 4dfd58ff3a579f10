import { Hono, type Context } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { NotFoundError, ValidationError } from '../../lib/errors'
import { fieldErrors, jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { BloodTypeInput, HISTORY_KINDS, isHistoryKind, ProfileInput } from './schemas'
import { addOwnHistoryItem, readHistory, readProfile, removeOwnHistoryItem, setOwnBloodType, updateOwnProfile } from './service'

// The patient's own profile and medical history (doctors read them through /doctor/patients/:id).
export const patientProfileApi = new Hono<AppEnv>()

patientProfileApi.use('/patient/profile', requireRole('patient'))
patientProfileApi.use('/patient/medical-history', requireRole('patient'))
patientProfileApi.use('/patient/medical-history/*', requireRole('patient'))

patientProfileApi.get('/patient/profile', async (c) => c.json({ profile: await readProfile(c.var.ctx, c.var.ctx.actor!.id) }))

patientProfileApi.put('/patient/profile', jsonBody(ProfileInput), async (c) => {
  await updateOwnProfile(c.var.ctx, c.req.valid('json'))
  return c.json({ profile: await readProfile(c.var.ctx, c.var.ctx.actor!.id) })
})

patientProfileApi.get('/patient/medical-history', async (c) => c.json(await readHistory(c.var.ctx, c.var.ctx.actor!.id)))

patientProfileApi.put('/patient/medical-history/blood-type', jsonBody(BloodTypeInput), async (c) => {
  await setOwnBloodType(c.var.ctx, c.req.valid('json').blood_type)
  return c.json({ blood_type: c.req.valid('json').blood_type })
})

// The lists share one shape of route: /patient/medical-history/{allergies|medications|conditions|surgeries}.
function historyKind(c: Context<AppEnv>) {
  const kind = c.req.param('kind') ?? ''
  if (!isHistoryKind(kind)) throw new NotFoundError()
  return kind
}

// Any JSON object here; which fields it needs depends on the list (checked below).
const AnyObject = z.record(z.string(), z.unknown())

patientProfileApi.post('/patient/medical-history/:kind', jsonBody(AnyObject), async (c) => {
  const kind = historyKind(c)
  const parsed = HISTORY_KINDS[kind].safeParse(c.req.valid('json'))
  if (!parsed.success) throw new ValidationError(fieldErrors(parsed.error))
  return c.json({ item: await addOwnHistoryItem(c.var.ctx, { kind, item: parsed.data } as never) }, 201)
})

patientProfileApi.delete('/patient/medical-history/:kind/:id', async (c) => {
  await removeOwnHistoryItem(c.var.ctx, { kind: historyKind(c), id: c.req.param('id') })
  return c.body(null, 204)
})
