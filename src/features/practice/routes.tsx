import { Hono, type Context } from 'hono'
import type { FormState } from '../../../views/components/form'
import { CalendarPage } from '../../../views/practice/calendar-page'
import { DashboardPage } from '../../../views/practice/dashboard-page'
import { AvailabilityPage, ProfilePage, RANGES_PER_DAY, TimeOffPage } from '../../../views/practice/practice-forms'
import type { AppEnv } from '../../env'
import { refusalOf, renderView, type ViewStatus } from '../../core/page'
import { localDate } from '../../lib/format'
import { dateKey, DAY_MS, daysWindow, wallTimeIn } from '../../lib/time'
import { fieldErrors, formFields } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { toApiAppointment } from '../appointments/present'
import { doctorAgenda } from '../appointments/service'

import { IsoDate } from '../../core/input'
import { findActiveSpecialties } from '../specialties/queries'
import { AvailabilityInput, ProfileInput, TimeOffInput } from './schemas'
import { toApiAvailability, toApiPracticeProfile, toApiTimeOff } from './present'
import { addTimeOff, getAvailability, getProfile, removeTimeOff, timeOffWithZone, updateAvailability, updateProfile } from './service'

// A verified doctor's pages: dashboard, calendar, and the editors behind the practice API.
export const practiceRoutes = new Hono<AppEnv>()

practiceRoutes.use('/doctor', requireRole('doctor'))
practiceRoutes.use('/doctor/*', requireRole('doctor'))


// The agenda as the pages show it (times as ISO strings in each appointment).
async function agendaFor(c: Context<AppEnv>, window: { from: Date; to: Date }) {
  const agenda = await doctorAgenda(c.var.ctx, window)
  return { ...agenda, appointments: agenda.appointments.map(toApiAppointment), pending: agenda.pending.map(toApiAppointment) }
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
  return renderView(c, { title: 'Your profile', body: <ProfilePage state={state} specialties={specialties} saved={saved} />, status })
}

practiceRoutes.get('/doctor/profile', async (c) => {
  const p = toApiPracticeProfile(await getProfile(c.var.ctx))
  const values: Record<string, string> = {
    specialty_id: p.specialty_id,
    bio: p.bio ?? '',
    qualifications: p.qualifications ?? '',
    city: p.city ?? '',
    languages: p.languages.join(', '),
    fee: (p.fee_cents / 100).toFixed(2),
    currency: p.currency,
  }
  for (const t of p.consultation_types) {
    values[`type_${t.type}`] = 'on'
    values[`duration_${t.type}`] = String(t.duration_minutes)
  }
  return renderProfile(c, { values }, 200, c.req.query('saved') === '1')
})

practiceRoutes.post('/doctor/profile', async (c) => {
  const values = await formFields(c)
  const fee = /^\d{1,7}([.,]\d{1,2})?$/.test(values.fee?.trim() ?? '') ? Math.round(Number(values.fee!.trim().replace(',', '.')) * 100) : Number.NaN
  const parsed = ProfileInput.safeParse({
    specialty_id: values.specialty_id ?? '',
    bio: values.bio,
    qualifications: values.qualifications,
    city: values.city,
    languages: (values.languages ?? '').split(',').map((l) => l.trim()).filter(Boolean),
    fee_cents: fee,
    currency: values.currency ?? '',
    consultation_types: (['video', 'chat', 'in_person'] as const)
      .filter((t) => values[`type_${t}`] === 'on')
      .map((type) => ({ type, duration_minutes: Number(values[`duration_${type}`]) })),
  })
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error)
    const mapped: Record<string, string> = {}
    for (const [key, message] of Object.entries(errors)) {
      const field = key === 'fee_cents' ? 'fee' : key.startsWith('languages') ? 'languages' : key.startsWith('consultation_types') ? 'consultation_types' : key
      mapped[field] ??= message === 'must be a whole number of cents' ? 'must be an amount such as 45 or 45.50' : message
    }
    return renderProfile(c, { values, errors: mapped }, 422)
  }
  try {
    await updateProfile(c.var.ctx, parsed.data)
  } catch (err) {
    const { message, errors, status } = refusalOf(err)
    return renderProfile(c, { values, errors, message }, status)
  }
  return c.redirect('/doctor/profile?saved=1', 303)
})

// Availability: 7 days × RANGES_PER_DAY rows of time inputs become the API's weekly list.
function renderAvailability(c: Context<AppEnv>, state: FormState, status: ViewStatus = 200, saved = false) {
  return renderView(c, { title: 'Working hours', body: <AvailabilityPage state={state} saved={saved} />, status })
}

practiceRoutes.get('/doctor/availability', async (c) => {
  const a = toApiAvailability(await getAvailability(c.var.ctx))
  const values: Record<string, string> = {
    timezone: a.timezone,
    slot_minutes: String(a.slot_minutes),
    buffer_minutes: String(a.buffer_minutes),
    min_notice_minutes: String(a.min_notice_minutes),
    max_advance_days: String(a.max_advance_days),
    auto_confirm: a.auto_confirm ? 'on' : '',
  }
  const perDay = new Map<number, number>()
  for (const r of a.weekly) {
    const i = perDay.get(r.weekday) ?? 0
    perDay.set(r.weekday, i + 1)
    if (i >= RANGES_PER_DAY) continue
    values[`w${r.weekday}_${i}_start`] = r.start
    values[`w${r.weekday}_${i}_end`] = r.end === '24:00' ? '23:59' : r.end
  }
  return renderAvailability(c, { values }, 200, c.req.query('saved') === '1')
})

practiceRoutes.post('/doctor/availability', async (c) => {
  const values = await formFields(c)
  const rows: { key: string; weekday: number; start: string; end: string }[] = []
  const errors: Record<string, string> = {}
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let i = 0; i < RANGES_PER_DAY; i++) {
      const key = `w${weekday}_${i}`
      const start = values[`${key}_start`]?.trim() ?? ''
      const end = values[`${key}_end`]?.trim() ?? ''
      if (!start && !end) continue
      if (!start || !end) errors[`${key}_${start ? 'end' : 'start'}`] = 'Give both a start and an end time, or neither.'
      // A time input cannot say 24:00; 23:59 as an end means "until midnight".
      else rows.push({ key, weekday, start, end: end === '23:59' ? '24:00' : end })
    }
  }
  const number = (name: string) => (values[name]?.trim() ? Number(values[name]) : Number.NaN)
  const parsed = AvailabilityInput.safeParse({
    timezone: values.timezone ?? '',
    slot_minutes: number('slot_minutes'),
    buffer_minutes: number('buffer_minutes'),
    min_notice_minutes: number('min_notice_minutes'),
    max_advance_days: number('max_advance_days'),
    auto_confirm: values.auto_confirm === 'on',
    weekly: rows.map(({ weekday, start, end }) => ({ weekday, start, end })),
  })
  if (!parsed.success) {
    for (const [path, message] of Object.entries(fieldErrors(parsed.error))) {
      const m = /^weekly\.(\d+)\.(start|end|weekday)$/.exec(path)
      const field = m ? `${rows[Number(m[1])]!.key}_${m[2] === 'end' ? 'end' : 'start'}` : path
      errors[field] ??= message
    }
  }
  if (!parsed.success || Object.keys(errors).length) return renderAvailability(c, { values, errors }, 422)
  await updateAvailability(c.var.ctx, parsed.data)
  return c.redirect('/doctor/availability?saved=1', 303)
})

async function renderTimeOff(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const { items, timezone } = await timeOffWithZone(c.var.ctx)
  return renderView(c, { title: 'Time off', body: <TimeOffPage items={items.map(toApiTimeOff)} state={state} timezone={timezone} />, status })
}

practiceRoutes.get('/doctor/time-off', (c) => renderTimeOff(c))

practiceRoutes.post('/doctor/time-off', async (c) => {
  const values = await formFields(c)
  const parsed = TimeOffInput.safeParse({ start: values.start ?? '', end: values.end || values.start || '', reason: values.reason })
  if (!parsed.success) return renderTimeOff(c, { values, errors: fieldErrors(parsed.error) }, 422)
  try {
    await addTimeOff(c.var.ctx, parsed.data)
  } catch (err) {
    const { message, errors, status } = refusalOf(err)
    return renderTimeOff(c, { values, errors, message }, status)
  }
  return c.redirect('/doctor/time-off', 303)
})

practiceRoutes.post('/doctor/time-off/:id/delete', async (c) => {
  await removeTimeOff(c.var.ctx, c.req.param('id'))
  return c.redirect('/doctor/time-off', 303)
})
