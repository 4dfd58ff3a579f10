import { Hono, type Context } from 'hono'
import { ConfirmPage, type ConfirmPageProps } from '../../../views/booking/confirm-page'
import { IdempotencyKey, Instant } from '../../core/input'
import type { AppEnv } from '../../env'
import { SlotUnavailableError } from '../../lib/errors'
import { refusalOf, renderView, type ViewStatus } from '../../core/page'
import { newId } from '../../lib/ids'
import { formBody } from '../../lib/validator'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { freeSlotsOf, nearestAlternatives, slotAt, windowAround } from '../availability/service'
import { doctorWithSchedule } from '../doctors/service'
import { BookInput } from './schemas'
import { bookAppointment } from './service'

export const bookingRoutes = new Hono<AppEnv>()

bookingRoutes.use('/doctors/:id/book', requireRole('patient'))

const BookForm = BookInput.omit({ doctor_id: true }).extend({ idempotency_key: IdempotencyKey })

// The page around the form: the doctor, the time in the viewer's zone, and, when the time is
// gone, the nearest free ones. One round trip (profile and schedule in one batch).
async function renderConfirm(c: Context<AppEnv>, options: { start?: Date; state?: ConfirmPageProps['state']; key?: string; status?: ViewStatus; taken?: boolean }) {
  const now = c.var.ctx.now
  const around = options.start ?? now
  const window = windowAround(around)
  const { profile, schedule } = await doctorWithSchedule(c.var.ctx, { doctorId: c.req.param('id')!, until: window.to })
  const free = freeSlotsOf(schedule, window, now)
  const stillFree = options.start && slotAt(free, options.start)
  const { timezone } = viewerTimeZone(c, profile.timezone ?? 'UTC')
  const props: ConfirmPageProps = {
    doctor: profile,
    timezone,
    idempotencyKey: options.key ?? newId('idem'),
    state: options.state,
    ...(stillFree && !options.taken ? { start: options.start } : { alternatives: nearestAlternatives(free, around, 6) }),
  }
  if (!props.start && !props.state?.message) {
    props.state = { ...props.state, message: options.start ? 'That time is no longer free. Please choose another one.' : 'Please choose a time.' }
  }
  return renderView(c, { title: `Book with ${profile.name}`, body: <ConfirmPage {...props} />, status: options.status ?? (props.start ? 200 : 409) })
}

bookingRoutes.get('/doctors/:id/book', async (c) => {
  const start = Instant.safeParse(c.req.query('start'))
  return renderConfirm(c, { start: start.success ? start.data : undefined })
})

bookingRoutes.post(
  '/doctors/:id/book',
  formBody(BookForm, (c, values, errors) => {
    const start = Instant.safeParse(values.start)
    return renderConfirm(c as Context<AppEnv>, { start: start.success ? start.data : undefined, key: values.idempotency_key, state: { values, errors }, status: 422 })
  }),
  async (c) => {
    const form = c.req.valid('form')
    try {
      const { appointment } = await bookAppointment(c.var.ctx, { doctor_id: c.req.param('id'), start: form.start, type: form.type, reason: form.reason, idempotencyKey: form.idempotency_key })
      return c.redirect(`/appointments/${appointment.id}?booked=1`, 303)
    } catch (err) {
      const { message, errors, status } = refusalOf(err, (e) => e.status === 404)
      const values = { type: form.type, reason: form.reason }
      const taken = err instanceof SlotUnavailableError
      return renderConfirm(c, { start: form.start, key: form.idempotency_key, taken, state: { values, message, errors }, status })
    }
  },
)
