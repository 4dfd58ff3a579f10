import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { NewSeriesPage, SeriesPage } from '../../../views/series/series-pages'
import { handleForm, refusalSentence } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { offeredTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import type { FormState } from '../../core/shapes'
import type { AppEnv } from '../../env'
import { instantFromWallTime, parseDateKey } from '../../lib/time'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { isRealDate } from '../../core/input'
import { CancelRestInput, SeriesInput } from './schemas'
import { bookSeries, cancelRest, patientForSeries, seriesOf } from './service'

export const seriesRoutes = new Hono<AppEnv>()

seriesRoutes.use('/doctor/series', requireRole('doctor'))
seriesRoutes.use('/doctor/series/*', requireRole('doctor'))

const zone = (c: Context<AppEnv>) => viewerTimeZone(c, c.var.ctx.actor?.timezone ?? 'UTC').timezone

async function renderNew(c: Context<AppEnv>, patientId: string, state?: FormState, status: ViewStatus = 200) {
  const patient = await patientForSeries(c.var.ctx, patientId)
  const types = offeredTypes(await settingsOf(c.var.ctx))
  const values = state?.values ?? { type: z.enum(['video', 'chat', 'in_person']).catch('video').parse(c.req.query('type')) }
  return renderView(c, { title: 'Book a series', body: <NewSeriesPage patient={patient} types={types} timezone={zone(c)} state={{ ...state, values }} />, status })
}

seriesRoutes.get('/doctor/series/new', (c) => renderNew(c, c.req.query('patient') ?? ''))

// The day and time are on the doctor's clock.
const startFrom = (values: Record<string, string>, timezone: string) => {
  const time = /^(\d{2}):(\d{2})$/.exec(values.time ?? '')
  if (!values.date || !isRealDate(values.date) || !time) return undefined
  return instantFromWallTime(parseDateKey(values.date), Number(time[1]) * 60 + Number(time[2]), timezone).toISOString()
}

seriesRoutes.post('/doctor/series', (c) =>
  handleForm(c, {
    schema: SeriesInput,
    input: (values) => ({ ...values, start: startFrom(values, zone(c)) }),
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      const series = await bookSeries(c.var.ctx, input)
      return renderSeries(c, series.id, { skipped: series.skipped, notice: `${series.booked.length} visits booked; the patient has been told.`, status: 201 })
    },
    render: (state, refusal, values) => renderNew(c, values.patient_id ?? '', state, refusal.status),
  }),
)

async function renderSeries(c: Context<AppEnv>, id: string, extra: { skipped?: { start: Date; reason: string }[]; notice?: string; error?: string; status?: ViewStatus } = {}) {
  const series = await seriesOf(c.var.ctx, id)
  const notice = extra.notice ?? (c.req.query('done') === 'cancelled' ? 'The visits are cancelled; everyone has been told.' : undefined)
  return renderView(c, { title: 'A series of visits', body: <SeriesPage series={series} timezone={zone(c)} skipped={extra.skipped} notice={notice} error={extra.error} />, status: extra.status })
}

seriesRoutes.get('/series/:id', (c) => renderSeries(c, c.req.param('id')))

seriesRoutes.post('/series/:id/cancel', (c) =>
  handleForm(c, {
    schema: CancelRestInput,
    input: (values) => ({ from: values.from || undefined, reason: values.reason || undefined }),
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      const { refused } = await cancelRest(c.var.ctx, c.req.param('id'), input)
      if (refused.length) return renderSeries(c, c.req.param('id'), { error: `Not cancelled: ${[...new Set(refused.map((r) => r.message))].join(' ')}`, status: 409 })
      return c.redirect(`/series/${c.req.param('id')}?done=cancelled`, 303)
    },
    render: (state, refusal) => renderSeries(c, c.req.param('id'), { error: refusalSentence(state), status: refusal.status }),
  }),
)
