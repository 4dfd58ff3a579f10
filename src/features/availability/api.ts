import { Hono } from 'hono'
import { z } from 'zod'
import type { AppEnv } from '../../env'
import { addDays, dateKey, isValidTimeZone, toIsoInstant, wallTimeIn } from '../../lib/time'
import { ValidationError } from '../../lib/errors'
import { queryParams } from '../../lib/validator'
import { freeSlots } from './service'

export const availabilityApi = new Hono<AppEnv>()

const DAY = 24 * 3_600_000
const MAX_DAYS = 31
export const IsoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2027-03-14').refine(isRealDate, 'is not a real date')

// "2027-02-30" parses (as 2 March); a real date survives the round trip unchanged.
function isRealDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date
}

const SlotsQuery = z.object({
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  tz: z.string().max(64).refine(isValidTimeZone, 'must be an IANA time zone such as Europe/Berlin').optional(),
})


// GET /doctors/:id/slots (public): free slots on the dates from..to as the viewer's calendar
// (tz) shows them, at most 31 days. The window asked of the database is widened by a day either
// side, since no zone is more than 14 hours from UTC, then cut to the viewer's dates.
availabilityApi.get('/doctors/:id/slots', queryParams(SlotsQuery), async (c) => {
  const query = c.req.valid('query')
  const now = new Date()
  const tz = query.tz ?? 'UTC'
  const from = query.from ?? dateKey(wallTimeIn(now, tz))
  const to = query.to ?? dateKey(addDays(wallTimeIn(new Date(`${from}T12:00:00Z`), 'UTC'), 6))
  const days = (Date.parse(to) - Date.parse(from)) / DAY + 1
  if (days < 1) throw new ValidationError({ to: 'must not be before from' })
  if (days > MAX_DAYS) throw new ValidationError({ to: `must be at most ${MAX_DAYS} days after from` })
  const result = await freeSlots(c.var.db, c.req.param('id'), new Date(Date.parse(from) - DAY), new Date(Date.parse(to) + 2 * DAY), now)
  const slots = result.slots.filter((s) => {
    const local = dateKey(wallTimeIn(s.start, tz))
    return local >= from && local <= to
  })
  c.header('Cache-Control', 'no-store')
  return c.json({ timezone: tz, slots: slots.map((s) => ({ start: toIsoInstant(s.start), end: toIsoInstant(s.end) })) })
})
