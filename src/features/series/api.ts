import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { toIsoInstant } from '../../lib/time'
import { jsonBody, optionalJsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { CancelRestInput, SeriesInput } from './schemas'
import { bookSeries, cancelRest, seriesOf } from './service'

export const seriesApi = new Hono<AppEnv>()

// The doctor books a series for a patient they treat: what was booked, and what was skipped and why.
seriesApi.post('/doctor/series', requireRole('doctor'), jsonBody(SeriesInput), async (c) => {
  const series = await bookSeries(c.var.ctx, c.req.valid('json'))
  return c.json(
    {
      series: {
        id: series.id,
        booked: series.booked.map((b) => ({ appointment_id: b.id, start: toIsoInstant(b.start), end: toIsoInstant(b.end) })),
        skipped: series.skipped.map((s) => ({ start: toIsoInstant(s.start), reason: s.reason })),
      },
    },
    201,
  )
})

seriesApi.get('/series/:id', async (c) => {
  const series = await seriesOf(c.var.ctx, c.req.param('id'))
  return c.json({ series: { id: series.id, frequency: series.frequency, occurrences: series.occurrences, items: series.occurrences.map((o) => ({ appointment_id: o.id, start: toIsoInstant(o.startAt), status: o.status })) } })
})

// Cancels an occurrence and every later one (`from`), or every one still to come.
seriesApi.post('/series/:id/cancel', optionalJsonBody(CancelRestInput), async (c) => c.json(await cancelRest(c.var.ctx, c.req.param('id'), c.req.valid('json'))))
