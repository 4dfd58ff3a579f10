import { offeredTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import { Hono, type Context } from 'hono'
import type { FormState } from '../../../views/components/form'
import { CalendarPage } from '../../../views/practice/calendar-page'
import { DashboardPage } from '../../../views/practice/dashboard-page'
import { AvailabilityPage, ProfilePage, TimeOffPage } from '../../../views/practice/practice-forms'
import { z } from 'zod'
import type { RequestContext } from '../../core/context'
import type { AppEnv } from '../../env'
import type { FieldErrors } from '../../lib/errors'
import { formFields } from '../../lib/validator'
import { handleForm } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { localDate } from '../../lib/format'
import { dateKey, DAY_MS, daysWindow, wallTimeIn } from '../../lib/time'
import { requireRole } from '../../middleware/access-control'
import { toApiAppointment } from '../appointments/present'
import { doctorAgenda } from '../appointments/service'

import { IsoDate } from '../../core/input'
import { findActiveSpecialties } from '../specialties/queries'
import { availabilityFormErrors, availabilityFormValues, availabilityInputFromForm, copyMondayToWeekdays, profileFormErrors, profileFormValues, profileInputFromForm } from './forms'
import { AvailabilityInput, ProfileInput, TimeOffInput } from './schemas'
import { TimeOffOverlapsError } from '../../lib/errors'
import { toApiAvailability, toApiPracticeProfile, toApiTimeOff } from './present'
import { addTimeOff, getAvailability, getProfile, removeTimeOff, timeOffWithZone, updateAvailability, updateProfile } from './service'

// A verified doctor's pages: dashboard, calendar, and the editors behind the practice API.
export const practiceRoutes = new Hono<AppEnv>()

practiceRoutes.use('/doctor', requireRole('doctor'))
practiceRoutes.use('/doctor/*', requireRole('doctor'))


// The agenda as the pages show it (times as ISO strings in each appointment).
async function agendaFor(c: Context<AppEnv>, window: { from: Date; to: Date }) {
  const agenda = await doctorAgenda(c.var.ctx, window)
  return { ...agenda, appointments: agenda.appointments.map(toApiAppointment), pending: agenda.pending.map(toApiAppointment), outcomeNeeded: agenda.outcomeNeeded.map(toApiAppointment) }
}

practiceRoutes.get('/doctor', async (c) => {
  const now = c.var.ctx.now
  const agenda = await agendaFor(c, { from: now, to: new Date(now.getTime() + 7 * DAY_MS) })
  const today = localDate(now, agenda.timezone)
  const upcoming = agenda.appointments.filter((a) => a.status === 'pending' || a.status === 'confirmed')
  return renderView(c, {
    title: 'My practice',
    body: (
      <DashboardPage
        name={c.var.ctx.actor!.name}
        timezone={agenda.timezone}
        today={agenda.appointments.filter((a) => localDate(new Date(a.start), agenda.timezone) === today)}
        pending={agenda.pending}
        outcomeNeeded={agenda.outcomeNeeded}
        waiting={agenda.waiting}
        weekCount={upcoming.filter((a) => new Date(a.start) >= now && new Date(a.start).getTime() < now.getTime() + 7 * DAY_MS).length}
      />
    ),
  })
})

practiceRoutes.get('/doctor/calendar', async (c) => {
  const view = c.req.query('view') === 'day' ? 'day' : 'week'
  const asked = IsoDate.safeParse(c.req.query('date'))
  const now = c.var.ctx.now
  // The window is in the doctor's zone, which the agenda query returns; a day either side of
  // UTC covers every zone, and the days are cut in memory.
  const anchor = asked.success ? new Date(`${asked.data}T12:00:00Z`) : now
  const span = view === 'day' ? 1 : 7
  const agenda = await agendaFor(c, { from: anchor, to: new Date(anchor.getTime() + span * DAY_MS) })
  const today = dateKey(wallTimeIn(now, agenda.timezone))
  const window = daysWindow(asked.success ? asked.data : today, span, agenda.timezone)
  const days = window.days.map((key) => ({ key, items: agenda.appointments.filter((a) => localDate(new Date(a.start), agenda.timezone) === key) }))
  return renderView(c, { title: 'Calendar', body: <CalendarPage view={view} days={days} timezone={agenda.timezone} previous={window.previous} next={window.next} today={today} /> })
})

// Profile: the form speaks in money and checkboxes, the API in cents and lists.
async function renderProfile(c: Context<AppEnv>, state: FormState, status: ViewStatus = 200, saved = false) {
  const specialties = await findActiveSpecialties(c.var.db)
  return renderView(c, { title: 'Your profile', body: <ProfilePage state={state} specialties={specialties} saved={saved} offered={offeredTypes(await settingsOf(c.var.ctx))} />, status })
}

practiceRoutes.get('/doctor/profile', async (c) => {
  const values = profileFormValues(toApiPracticeProfile(await getProfile(c.var.ctx)))
  return renderProfile(c, { values }, 200, c.req.query('saved') === '1')
})

function renderAvailability(c: Context<AppEnv>, state: FormState, status: ViewStatus = 200, saved = false) {
  return renderView(c, { title: 'Working hours', body: <AvailabilityPage state={state} saved={saved} />, status })
}

practiceRoutes.get('/doctor/availability', async (c) => {
  const values = availabilityFormValues(toApiAvailability(await getAvailability(c.var.ctx)))
  return renderAvailability(c, { values }, 200, c.req.query('saved') === '1')
})

// The two editors: the profile and the working hours, each saved as a whole and shown again
// with "Saved.", or refused with what was typed.
function editor<S extends z.ZodType>(
  path: string,
  form: {
    schema: S
    input: (values: Record<string, string>) => unknown
    fieldsOf: (errors: FieldErrors, values: Record<string, string>) => FieldErrors
    save: (ctx: RequestContext, input: z.output<S>) => Promise<unknown>
    render: (c: Context<AppEnv>, state: FormState, status: ViewStatus) => Response | Promise<Response>
  },
) {
  practiceRoutes.post(path, (c) =>
    handleForm(c, {
      ...form,
      submit: async (input) => {
        await form.save(c.var.ctx, input)
        return c.redirect(`${path}?saved=1`, 303)
      },
      render: (state, refusal) => form.render(c, state, refusal.status),
    }),
  )
}

// "Copy Monday's hours to Tuesday–Friday": the form comes back filled in, to check and save.
practiceRoutes.post('/doctor/availability', async (c, next) => {
  const values = await formFields(c)
  if (values.copy_monday !== '1') return next()
  return renderAvailability(c, { values: copyMondayToWeekdays(values) })
})

editor('/doctor/profile', { schema: ProfileInput, input: profileInputFromForm, fieldsOf: profileFormErrors, save: updateProfile, render: renderProfile })
editor('/doctor/availability', { schema: AvailabilityInput, input: availabilityInputFromForm, fieldsOf: availabilityFormErrors, save: updateAvailability, render: renderAvailability })

async function renderTimeOff(c: Context<AppEnv>, options: { state?: FormState; status?: ViewStatus; overlapping?: TimeOffOverlapsError['appointments']; notice?: string } = {}) {
  const { items, timezone } = await timeOffWithZone(c.var.ctx)
  return renderView(c, { title: 'Time off', body: <TimeOffPage items={items.map(toApiTimeOff)} timezone={timezone} {...options} />, status: options.status })
}

const TIME_OFF_NOTICES: Record<string, string> = {
  added: 'Time off added.',
  kept: 'Time off added. The appointments it covers are kept.',
  cancelled: 'Time off added. The appointments it covered are cancelled; each patient was told and offered another time.',
}

practiceRoutes.get('/doctor/time-off', (c) => renderTimeOff(c, { notice: TIME_OFF_NOTICES[c.req.query('done') ?? ''] }))

// One day off needs only its start: the end defaults to it. Time off over booked appointments
// first shows them and asks what becomes of them (the form comes back with `overlapping`).
const TimeOffForm = TimeOffInput.extend({ overlapping: z.enum(['cancel', 'keep'], { message: 'choose whether to cancel or keep the appointments' }).optional() })
practiceRoutes.post('/doctor/time-off', (c) =>
  handleForm(c, {
    schema: TimeOffForm,
    input: (values) => ({ start: values.start ?? '', end: values.end || values.start || '', reason: values.reason, overlapping: values.overlapping || undefined }),
    submit: async (input, values) => {
      try {
        const added = await addTimeOff(c.var.ctx, input)
        return c.redirect(`/doctor/time-off?done=${added.overlapping.length ? (added.cancelled.length ? 'cancelled' : 'kept') : 'added'}`, 303)
      } catch (err) {
        if (err instanceof TimeOffOverlapsError) return renderTimeOff(c, { state: { values }, overlapping: err.appointments, status: 409 })
        throw err
      }
    },
    render: (state, refusal) => renderTimeOff(c, { state, status: refusal.status }),
  }),
)

practiceRoutes.post('/doctor/time-off/:id/delete', async (c) => {
  await removeTimeOff(c.var.ctx, c.req.param('id'))
  return c.redirect('/doctor/time-off', 303)
})
