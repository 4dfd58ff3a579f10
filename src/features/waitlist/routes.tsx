import { Hono } from 'hono'
import { JoinWaitlistPage } from '../../../views/waitlist/join-page'
import { OfferPage } from '../../../views/waitlist/offer-page'
import { WaitlistPage } from '../../../views/waitlist/waitlist-page'
import { bookableTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { FormState } from '../../core/shapes'
import type { AppEnv } from '../../env'
import { AppError, ConflictError } from '../../lib/errors'
import { addDays, dateKey, parseDateKey, wallTimeIn } from '../../lib/time'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { getDoctorProfile } from '../doctors/service'
import { toApiWaitlistEntry } from './present'
import { JoinWaitlist } from './schemas'
import { joinWaitlist, leaveWaitlist, myWaitlists, takeOffer } from './service'
import type { Context } from 'hono'

export const waitlistRoutes = new Hono<AppEnv>()

waitlistRoutes.use('/doctors/:id/waitlist', requireRole('patient'))
waitlistRoutes.use('/waitlist', requireRole('patient'))
waitlistRoutes.use('/waitlist/*', requireRole('patient'))

const NOTICES: Record<string, string> = {
  joined: 'You are on the waitlist. When a time that suits you frees up, we hold it for you and send you a link.',
  left: 'You left the waitlist.',
}

// The form's fields onto the schema: one checkbox per weekday and time of day.
const fromForm = (values: Record<string, string>) => ({
  ...values,
  weekdays: [1, 2, 3, 4, 5, 6, 7].filter((d) => values[`weekday_${d}`] === 'on'),
  times_of_day: ['morning', 'afternoon', 'evening'].filter((t) => values[`time_${t}`] === 'on'),
})

async function renderJoin(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const doctor = await getDoctorProfile(c.var.ctx, c.req.param('id')!)
  const { timezone } = viewerTimeZone(c, c.var.ctx.actor?.timezone ?? doctor.timezone ?? 'UTC')
  const today = parseDateKey(dateKey(wallTimeIn(c.var.ctx.now, timezone)))
  const types = bookableTypes(await settingsOf(c.var.ctx), doctor.consultation_types)
  return renderView(c, {
    title: `Wait for ${doctor.name}`,
    body: <JoinWaitlistPage doctor={doctor} types={types} timezone={timezone} defaults={{ from: dateKey(today), to: dateKey(addDays(today, 14)) }} state={state} />,
    status,
  })
}

waitlistRoutes.get('/doctors/:id/waitlist', (c) => renderJoin(c))

waitlistRoutes.post('/doctors/:id/waitlist', (c) =>
  handleForm(c, {
    schema: JoinWaitlist,
    input: (values) => ({ ...fromForm(values), doctor_id: c.req.param('id') }),
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await joinWaitlist(c.var.ctx, input)
      return c.redirect('/waitlist?done=joined', 303)
    },
    render: (state, refusal) => renderJoin(c, state, refusal.status),
  }),
)

async function renderWaitlist(c: Context<AppEnv>, options: { error?: string; status?: ViewStatus } = {}) {
  const entries = (await myWaitlists(c.var.ctx)).map(toApiWaitlistEntry)
  return renderView(c, { title: 'Your waitlists', body: <WaitlistPage entries={entries} notice={NOTICES[c.req.query('done') ?? '']} error={options.error} />, status: options.status })
}

waitlistRoutes.get('/waitlist', (c) => renderWaitlist(c))

waitlistRoutes.post('/waitlist/:id/leave', (c) =>
  handleForm(c, {
    schema: NoFields,
    rethrow: (e) => e.status === 404,
    submit: async () => {
      await leaveWaitlist(c.var.ctx, c.req.param('id'))
      return c.redirect('/waitlist?done=left', 303)
    },
    render: (state, refusal) => renderWaitlist(c, { error: state.message, status: refusal.status }),
  }),
)

// The button on the waitlist page: books the held time as the signed-in patient.
waitlistRoutes.post('/waitlist/offers/:id/accept', (c) =>
  handleForm(c, {
    schema: NoFields,
    rethrow: (e) => e.status === 404,
    submit: async () => {
      const { appointment } = await takeOffer(c.var.ctx, { offerId: c.req.param('id') })
      return c.redirect(appointment.paymentDueBy ? `/appointments/${appointment.id}/pay` : `/appointments/${appointment.id}?booked=1`, 303)
    },
    render: (state, refusal) => renderWaitlist(c, { error: state.message, status: refusal.status }),
  }),
)

// The one-tap link from an offer's email or text message: it books the held time in this one
// request, signed in or not (the link is signed for its patient). Tapped again, it shows the
// same booking; expired, it says so.
waitlistRoutes.get('/offers/:token', async (c) => {
  // What it answers is someone's booking: never stored by a cache.
  c.header('Cache-Control', 'no-store')
  // A link checker's HEAD books nothing; only opening the link does.
  if (c.req.method === 'HEAD') return c.body(null, 200)
  try {
    const { appointment, timezone } = await takeOffer(c.var.ctx, { token: c.req.param('token') })
    const props = {
      outcome: 'booked' as const,
      doctorName: appointment.doctor.name,
      start: appointment.startAt,
      timezone,
      appointmentId: appointment.id,
      signedIn: c.var.ctx.actor?.id === appointment.patient.id,
      paymentDue: Boolean(appointment.paymentDueBy),
    }
    return renderView(c, { title: 'Booked', body: <OfferPage {...props} /> })
  } catch (err) {
    if (!(err instanceof AppError) || err.status === 404) throw err
    const outcome = err instanceof ConflictError && err.code === 'offer_expired' ? 'expired' : 'unavailable'
    return renderView(c, { title: 'No longer held', body: <OfferPage outcome={outcome} message={err.message} />, status: err.status as ViewStatus })
  }
})
