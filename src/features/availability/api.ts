import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { IsoDate, TimeZone } from '../../core/input'
import { ValidationError } from '../../lib/errors'
import { addDays, dateKey, DAY_MS, toIsoInstant, wallTimeIn } from '../../lib/time'
import { queryParams } from '../../lib/validator'
import { freeSlotsOnDates } from './service'

export const availabilityApi = new Hono<AppEnv>()

const MAX_DAYS = 31

const SlotsQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  tz: TimeZone.optional(),
})

// GET /doctors/:id/slots (public): free slots on the dates from..to as the viewer's calendar
// (tz) shows them, at most 31 days; a week from today when no dates are given.
availabilityApi.get('/doctors/:id/slots', queryParams(SlotsQuery), async (c) => {
  const query = c.req.valid('query')
  const tz = query.tz ?? 'UTC'
  const from = query.from ?? dateKey(wallTimeIn(c.var.ctx.now, tz))
  const to = query.to ?? dateKey(addDays(wallTimeIn(new Date(`${from}T12:00:00Z`), 'UTC'), 6))
  const days = (Date.parse(to) - Date.parse(from)) / DAY_MS + 1
  if (days < 1) throw new ValidationError({ to: 'must not be before from' })
  if (days > MAX_DAYS) throw new ValidationError({ to: `must be at most ${MAX_DAYS} days after from` })
  const slots = await freeSlotsOnDates(c.var.ctx, { doctorId: c.req.param('id'), from, to, timeZone: tz })
  c.header('Cache-Control', 'no-store')
  return c.json({ timezone: tz, slots: slots.map((s) => ({ start: toIsoInstant(s.start), end: toIsoInstant(s.end) })) })
})
