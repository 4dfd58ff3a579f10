import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { findActiveSpecialties } from './queries'

export const specialtiesApi = new Hono<AppEnv>()

// Public (docs/api.md): the specialties a doctor can apply under and patients can search by.
specialtiesApi.get('/specialties', async (c) => {
  c.header('Cache-Control', 'public, max-age=300')
  return c.json({ items: await findActiveSpecialties(c.var.db) })
})
