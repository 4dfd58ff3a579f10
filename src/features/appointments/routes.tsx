import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { AppointmentListPage } from '../../../views/appointments/list-page'
import { ReschedulePage } from '../../../views/appointments/reschedule-page'
import { PatientHomePage } from '../../../views/home/patient-home-page'
import { ConfirmStep, isConfirmed } from '../../../views/components/confirm-step'
import { formatDateTime } from '../../lib/format'
import { homePathOf } from '../../core/actor'
import { requireActor } from '../../core/context'
import type { AppEnv } from '../../env'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { FormState } from '../../core/shapes'
import type { AppError } from '../../lib/errors'
import { dateKey, daysWindow, wallTimeIn } from '../../lib/time'
import { viewerTimeZone } from '../../lib/viewer-timezone'

import { rescheduleOptions } from '../availability/service'
import { toApiAppointment } from './present'
import { renderDetail, zoneFor } from './detail-view'
import { Instant, IsoDate, TEXT_LIMITS } from '../../core/input'
import { appointmentCalendar, appointmentForPage, appointmentsPage, calendarFeed, listAppointments, newCalendarFeed, proposeFollowUp, removeCalendarFeed, rescheduleAppointment, transitionAppointment } from './service'
import { FollowUpInput, followUpDays } from './schemas'
import { icsResponse } from './ics'
import { cancellationRefundPercent } from './service/policy'
import type { Action } from './state-machine'

export const appointmentRoutes = new Hono<AppEnv>()

const LIST_LIMIT = 50
const DAYS_SHOWN = 7
// The next appointment and a few after it.
const HOME_UPCOMING = 4

// What the page says after each change, naming whoever was told.
type Told = { patient: string; doctor: string; other: string }
const NOTICES: Record<string, (t: Told) => string> = {
  booked: (t) => `Your appointment with ${t.doctor} is booked. We have emailed you the details and a calendar file.`,
  requested: (t) => `Your request is sent to ${t.doctor}. We will email you when they accept it; until then the time is held for you.`,
  confirmed: (t) => `The appointment is confirmed. ${t.patient} has been told.`,
  rejected: (t) => `The request is declined. ${t.patient} has been told.`,
  cancelled: (t) => `The appointment is cancelled. ${t.other} has been told.`,
  completed: () => 'The appointment is marked as completed.',
  'no-show': () => 'The appointment is recorded as missed.',
  rescheduled: (t) => `The appointment has a new time. ${t.other} has been told.`,
  attached: () => 'Document attached to the patient’s record.',
  'follow-up': (t) => `${t.patient} has been sent a link to book the follow-up.`,
}


// Each person's home after signing in (core/actor's homePathOf): a patient's is this page, the
// next appointment and the ways on, in one round trip; anyone else is sent to theirs.
appointmentRoutes.get('/home', async (c) => {
  const actor = requireActor(c.var.ctx)
  if (actor.role !== 'patient') return c.redirect(homePathOf(actor), 303)
  const upcoming = await listAppointments(c.var.ctx, { scope: 'upcoming', status: ['pending', 'confirmed'], limit: HOME_UPCOMING })
  const { timezone } = viewerTimeZone(c, 'UTC')
  return renderView(c, {
    title: 'Home',
    body: <PatientHomePage name={actor.name} upcoming={upcoming.map(toApiAppointment)} unreadMessages={actor.unreadMessages ?? 0} timezone={timezone} />,
  })
})

// The list, with the private calendar feed's state; `newFeedUrl` is shown once, when just made.
async function renderList(c: Context<AppEnv>, options: { newFeedUrl?: string; notice?: string } = {}) {
  const scope = c.req.query('scope') === 'past' ? 'past' : 'upcoming'
  const { items, feed } = await appointmentsPage(c.var.ctx, { scope, limit: LIST_LIMIT })
  const { timezone } = viewerTimeZone(c, 'UTC')
  return renderView(c, {
    title: 'Appointments',
    body: <AppointmentListPage items={items.map(toApiAppointment)} scope={scope} viewerRole={c.var.ctx.actor!.role} timezone={timezone} feed={{ on: feed !== null, since: feed?.createdAt, lastFetched: feed?.lastFetchedAt ?? undefined, newUrl: options.newFeedUrl }} notice={options.notice} />,
  })
}

appointmentRoutes.get('/appointments', (c) => renderList(c, { notice: c.req.query('feed') === 'off' ? 'Your calendar feed is off. Calendar apps subscribed to it get nothing more.' : undefined }))

// A new feed address replaces the old one; it is shown on the page once and never again.
appointmentRoutes.post('/appointments/calendar-feed', (c) =>
  handleForm(c, { schema: NoFields, submit: async () => renderList(c, { newFeedUrl: (await newCalendarFeed(c.var.ctx)).url }), render: () => renderList(c) }),
)

appointmentRoutes.post('/appointments/calendar-feed/delete', (c) =>
  handleForm(c, {
    schema: NoFields,
    submit: async () => {
      await removeCalendarFeed(c.var.ctx)
      return c.redirect('/appointments?feed=off', 303)
    },
    render: () => renderList(c),
  }),
)

// The file for one appointment, from its page (the API serves the same under /api/v1).
appointmentRoutes.get('/appointments/:id/calendar.ics', async (c) => icsResponse(c, await appointmentCalendar(c.var.ctx, c.req.param('id'))))

// A private feed, fetched by calendar apps, which cannot sign in: the secret in the address is
// the key (a public route; an unknown token is a 404).
appointmentRoutes.get('/calendar/:file{[A-Za-z0-9_-]+\\.ics}', async (c) => icsResponse(c, await calendarFeed(c.var.ctx, c.req.param('file').slice(0, -'.ics'.length)), 'inline'))


appointmentRoutes.get('/appointments/:id', async (c) => {
  const done = Object.keys(NOTICES).find((key) => c.req.query(key) === '1')
  const told = done ? NOTICES[done] : undefined
  // Booked with a red flag in the questionnaire: the advice once more.
  const urgent = c.req.query('urgent') === '1' ? ' Your doctor will see that it is urgent. If it gets worse before then, call your emergency number now.' : ''
  return renderDetail(c, c.req.param('id'), { notice: told ? (t: Told) => told(t) + urgent : undefined })
})

// A refusal (too late to cancel, already changed, a reason too long) shows on the page it came
// from, not as an error page. A 404 stays a 404 page: the appointment is not the caller's.
const notFound = (e: AppError) => e.status === 404
const refusalText = (state: FormState, field: string) =>
  state.errors ? Object.values(state.errors).map((m) => `${field} ${m}.`).join(' ') : (state.message ?? '')

const ReasonForm = z.object({
  reason: z.string().trim().max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`).optional().transform((r) => r || undefined),
  // An admin cancelling at the patient's request (a checkbox): the late-cancellation refund applies.
  for_patient: z.literal('on').optional().transform((v) => v === 'on' || undefined),
})
const RescheduleForm = z.object({ start: Instant })
const ACTIONS: Record<string, Exclude<Action, 'reschedule'>> = { confirm: 'confirm', reject: 'reject', cancel: 'cancel', complete: 'complete', 'no-show': 'no_show' }
const DONE: Record<string, string> = { confirm: 'confirmed', reject: 'rejected', cancel: 'cancelled', complete: 'completed', 'no-show': 'no-show' }

appointmentRoutes.post('/appointments/:id/:action{confirm|reject|cancel|complete|no-show}', (c) => {
  const id = c.req.param('id')
  const verb = c.req.param('action')
  return handleForm(c, {
    schema: ReasonForm,
    rethrow: notFound,
    submit: async (form, values) => {
      // Cancelling cannot be undone: it asks once more.
      if (verb === 'cancel' && !isConfirmed(values)) return confirmCancel(c, id, values)
      await transitionAppointment(c.var.ctx, { id, action: ACTIONS[verb]!, reason: form.reason, forPatient: form.for_patient })
      return c.redirect(`/appointments/${id}?${DONE[verb]}=1`, 303)
    },
    render: (state, refusal) => renderDetail(c, id, { error: refusalText(state, 'Reason'), status: refusal.status }),
  })
})

appointmentRoutes.post('/appointments/:id/follow-up', (c) => {
  const id = c.req.param('id')
  return handleForm(c, {
    schema: FollowUpInput,
    rethrow: notFound,
    submit: async (form) => {
      await proposeFollowUp(c.var.ctx, id, { days: followUpDays(form) })
      return c.redirect(`/appointments/${id}?follow-up=1`, 303)
    },
    render: (state, refusal) => renderDetail(c, id, { error: refusalText(state, 'The follow-up'), status: refusal.status }),
  })
})

async function confirmCancel(c: Context<AppEnv>, id: string, values: Record<string, string>) {
  const page = await appointmentForPage(c.var.ctx, id)
  // Not a question to ask when the answer would be no (past the notice, already changed).
  if (!page.actions.includes('cancel')) return renderDetail(c, id, { error: page.blocked.cancel ?? 'This appointment cannot be cancelled any more.', status: 409 })
  const timezone = zoneFor(c, page.row, page.role)
  const other = page.role === 'patient' ? page.row.doctorName : page.row.patientName
  const when = `${formatDateTime(page.row.startAt, timezone)} (${timezone.replace(/_/g, ' ')})`
  return renderView(c, {
    title: 'Cancel the appointment?',
    body: (
      <ConfirmStep action={`/appointments/${id}/cancel`} question={`Cancel the appointment with ${other}?`} confirmLabel="Yes, cancel it" backHref={`/appointments/${id}`} backLabel="No, keep it" values={values}>
        <p>
          <strong>{when}</strong>
        </p>
        <p>{other} will be told by email. {page.role === 'patient' ? 'You can book another time afterwards.' : ''}</p>
        {values.for_patient === 'on' ? <p>At the patient’s request: {await cancellationRefundPercent(c.var.ctx, page.row.startAt, true)} % of what they paid is refunded.</p> : null}
      </ConfirmStep>
    ),
  })
}

async function renderReschedule(c: Context<AppEnv>, id: string, error?: string, status: ViewStatus = 200) {
  const page = await appointmentForPage(c.var.ctx, id)
  if (!page.actions.includes('reschedule')) {
    return renderDetail(c, id, { error: page.blocked.reschedule ?? 'This appointment cannot be moved any more.', status: 409 })
  }
  const timezone = zoneFor(c, page.row, page.role)
  const today = dateKey(wallTimeIn(c.var.ctx.now, timezone))
  const asked = IsoDate.safeParse(c.req.query('from'))
  const week = daysWindow(asked.success && asked.data > today ? asked.data : today, DAYS_SHOWN, timezone)
  const { slots } = await rescheduleOptions(c.var.ctx, { doctorId: page.row.doctorId, window: week, appointment: page.row })
  return renderView(c, {
    title: 'Choose another time',
    status,
    body: <ReschedulePage appointment={toApiAppointment(page.appointment)} slots={slots} days={week.days} timezone={timezone} error={error} nextFrom={week.next} />,
  })
}

appointmentRoutes.get('/appointments/:id/reschedule', (c) => renderReschedule(c, c.req.param('id')))

appointmentRoutes.post('/appointments/:id/reschedule', (c) => {
  const id = c.req.param('id')
  return handleForm(c, {
    schema: RescheduleForm,
    rethrow: notFound,
    submit: async ({ start }) => {
      await rescheduleAppointment(c.var.ctx, { id, start })
      return c.redirect(`/appointments/${id}?rescheduled=1`, 303)
    },
    render: (state, refusal) => renderReschedule(c, id, state.errors?.start ? 'Please choose a time.' : refusalText(state, 'Time'), refusal.status),
  })
})
