import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { findActiveSpecialties } from './queries'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { SpecialtyChange, SpecialtyInput } from './schemas'
import { addSpecialty, changeSpecialty, listAllSpecialties } from './service'

export const specialtiesApi = new Hono<AppEnv>()

// Public (docs/api.md): the specialties a doctor can apply under and patients can search by.
specialtiesApi.get('/specialties', async (c) => {
  c.header('Cache-Control', 'public, max-age=300')
  return c.json({ items: await findActiveSpecialties(c.var.db) })
})

// Super admins keep the list (the public list above shows the active ones).
specialtiesApi.get('/admin/specialties', requireRole('admin:super'), async (c) => c.json({ items: await listAllSpecialties(c.var.ctx) }))

specialtiesApi.post('/admin/specialties', requireRole('admin:super'), jsonBody(SpecialtyInput), async (c) => c.json({ id: await addSpecialty(c.var.ctx, c.req.valid('json').name) }, 201))

specialtiesApi.patch('/admin/specialties/:id', requireRole('admin:super'), jsonBody(SpecialtyChange), async (c) => {
  await changeSpecialty(c.var.ctx, c.req.param('id'), c.req.valid('json'))
  return c.body(null, 204)
})
