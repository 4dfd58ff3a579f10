import { offeredTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import { Hono, type Context } from 'hono'
import { ConfirmPage, type ConfirmPageProps } from '../../../views/booking/confirm-page'
import { IdempotencyKey, Instant, TimeZone } from '../../core/input'
import type { AppEnv } from '../../env'
import { handleForm } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { newId } from '../../lib/ids'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { freeSlotsOf, nearestAlternatives, slotAt, windowAround } from '../availability/service'
import { doctorWithSchedule } from '../doctors/service'
import { BookInput } from './schemas'
import { intakeFromForm } from '../intake/schemas'
import { emergencyGuidance } from '../intake/service'
import { bookAppointment } from './service'

export const bookingRoutes = new Hono<AppEnv>()

bookingRoutes.use('/doctors/:id/book', requireRole('patient'))

// `timezone`: the zone the page showed the time in, kept with the booking for the patient's emails.
const BookForm = BookInput.omit({ doctor_id: true }).extend({ idempotency_key: IdempotencyKey, timezone: TimeZone.optional() })

// The page around the form: the doctor, the time in the viewer's zone, and, when the time is
// gone, the nearest free ones. One round trip (profile and schedule in one batch).
async function renderConfirm(c: Context<AppEnv>, options: { start?: Date; state?: ConfirmPageProps['state']; key?: string; status?: ViewStatus; taken?: boolean; triage?: boolean }) {
  const now = c.var.ctx.now
  const around = options.start ?? now
  const window = windowAround(around)
  const { profile, schedule, questionnaire } = await doctorWithSchedule(c.var.ctx, { doctorId: c.req.param('id')!, until: window.to })
  const free = freeSlotsOf(schedule, window, now)
  const stillFree = options.start && slotAt(free, options.start)
  const { timezone } = viewerTimeZone(c, profile.timezone ?? 'UTC')
  const props: ConfirmPageProps = {
    doctor: profile,
    timezone,
    idempotencyKey: options.key ?? newId('idem'),
    state: options.state,
    offered: offeredTypes(await settingsOf(c.var.ctx)),
    questionnaire,
    guidance: await emergencyGuidance(c.var.ctx),
    triage: options.triage,
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

// Refused, the page keeps the reason typed and the request's key (a retry is the same booking);
// a taken time is offered the nearest free ones instead.
bookingRoutes.post('/doctors/:id/book', (c) =>
  handleForm(c, {
    schema: BookForm,
    // The doctor is gone: the error page says so.
    rethrow: (e) => e.status === 404,
    // The questionnaire's fields become the intake answers.
    input: (values) => ({ ...values, intake: intakeFromForm(values) }),
    fieldsOf: (errors) => Object.fromEntries(Object.entries(errors).map(([field, message]) => [field.replace(/^intake\./, ''), message])),
    submit: async (form, values) => {
      // A red flag whose advice was not seen yet (no script ran): the advice first, then on.
      if (form.intake?.red_flags.length && values.red_flag_seen !== '1') {
        const start = Instant.safeParse(values.start)
        return renderConfirm(c, { start: start.success ? start.data : undefined, key: values.idempotency_key, state: { values }, triage: true })
      }
      const { appointment } = await bookAppointment(c.var.ctx, { doctor_id: c.req.param('id'), start: form.start, type: form.type, reason: form.reason, intake: form.intake, idempotencyKey: form.idempotency_key, patientTimezone: form.timezone })
      // A doctor who charges up front: on to pay, the slot held meanwhile. A doctor who accepts by
      // hand gets a request: the page says so, as the email does.
      if (appointment.paymentDueBy) return c.redirect(`/appointments/${appointment.id}/pay`, 303)
      return c.redirect(`/appointments/${appointment.id}?${appointment.status === 'confirmed' ? 'booked' : 'requested'}=1${appointment.urgent ? '&urgent=1' : ''}`, 303)
    },
    render: (state, refusal, values) => {
      const start = Instant.safeParse(values.start)
      const taken = refusal.code === 'slot_unavailable'
      return renderConfirm(c, { start: start.success ? start.data : undefined, key: values.idempotency_key, taken, state, status: refusal.status })
    },
  }),
)
