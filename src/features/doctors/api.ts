import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { queryParams } from '../../lib/validator'
import { SearchQuery } from './schemas'
import { getDoctorProfile, searchDoctors } from './service'

export const doctorsApi = new Hono<AppEnv>()

// Public: patients look before they sign up.
doctorsApi.get('/doctors', queryParams(SearchQuery), async (c) => {
  const q = c.req.valid('query')
  return c.json(await searchDoctors(c.var.ctx, { ...q, minRating: q.min_rating, availableOn: q.available_on, timezone: q.tz }))
})

doctorsApi.get('/doctors/:id', async (c) => c.json({ doctor: await getDoctorProfile(c.var.ctx, c.req.param('id')) }))
