import { waitingCountStatement } from '../../availability/offer-queries'
import { isClinicAdmin } from '../../../core/actor'
import { requireActor, type RequestContext } from '../../../core/context'
import type { AppointmentStatus } from '../../../db/schema/enums'
import { NotFoundError, UnauthorizedError } from '../../../lib/errors'
import { DAY_MS } from '../../../lib/time'
import { earliestToday } from '../../availability/waitlist-matching'
import { calendarFile } from '../notify'
import { calendarFeedStatement } from '../calendar-feed-queries'
import { appointmentsBetween, appointmentStatement, doctorZoneStatement, findAppointments, ownedByDoctor, ownedByNobody, ownedByAdmin, outcomeNeededStatement, ownedByPatient } from '../queries'
import { allowedTransition, type Action } from '../state-machine'
import { loadForActor, roleIn, viewOf } from './access'
import { loadPolicy, withinNotice } from './policy'

/** One appointment, to its patient, its doctor and admins; 404 to anyone else. */
export async function getAppointment(ctx: RequestContext, id: string) {
  const { actor, row } = await loadForActor(ctx, id)
  return viewOf(row, actor)
}

type ListQuery = { scope?: 'upcoming' | 'past'; status?: AppointmentStatus[]; limit: number }

// The caller's own appointments as a statement (a doctor's as doctor; every one for admins); none
// for a doctor who may not act as one (not verified).
function ownAppointmentsStatement(ctx: RequestContext, query: ListQuery) {
  const actor = requireActor(ctx)
  const owner = actor.role === 'patient' ? ownedByPatient(actor.id) : actor.doctorId ? ownedByDoctor(actor.doctorId) : actor.role === 'doctor' ? ownedByNobody() : ownedByAdmin(actor)
  return findAppointments(ctx.db, { owner, scope: query.scope, statuses: query.status, now: ctx.now, limit: query.limit })
}

/** The caller's own appointments (a doctor's as doctor; every appointment for admins). */
export async function listAppointments(ctx: RequestContext, query: ListQuery) {
  const actor = requireActor(ctx)
  return (await ownAppointmentsStatement(ctx, query)).map((row) => viewOf(row, actor))
}

/** The appointments page in one round trip: the caller's appointments and their calendar feed's state. */
export async function appointmentsPage(ctx: RequestContext, query: ListQuery) {
  const actor = requireActor(ctx)
  const [rows, [feed]] = await ctx.db.batch([ownAppointmentsStatement(ctx, query), calendarFeedStatement(ctx.db, actor.id)])
  return { items: rows.map((row) => viewOf(row, actor)), feed: feed ?? null }
}

const PAGE_ACTIONS: Action[] = ['confirm', 'reject', 'reschedule', 'cancel', 'complete', 'no_show']

/**
 * What an appointment's page shows its viewer, in one round trip: the appointment, what the state
 * machine lets them do now, and, for a patient past a cut-off, why an action is not offered.
 */
export async function appointmentForPage(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx)
  const now = ctx.now
  const [[row], rules] = await Promise.all([appointmentStatement(ctx.db, id), loadPolicy(ctx)])
  const role = row ? roleIn(actor, row) : undefined
  if (!row || !role) throw new NotFoundError('No such appointment.')
  const actions: Action[] = []
  const blocked: Partial<Record<Action, string>> = {}
  for (const action of PAGE_ACTIONS) {
    const { byActor, fromStatus } = allowedTransition(action, row.status, role)
    if (!byActor || !fromStatus) continue
    if (action === 'no_show' && now < row.startAt) continue
    // Support admins only cancel (with a reason); the rest is the clinic's staff's.
    if (role === 'admin' && !isClinicAdmin(actor) && action !== 'cancel') continue
    const notice = action === 'cancel' ? rules.cancelNoticeHours : action === 'reschedule' ? rules.rescheduleNoticeHours : undefined
    if (role === 'patient' && notice !== undefined && withinNotice(row.startAt, now, notice)) {
      blocked[action] = `Online ${action === 'cancel' ? 'cancellation' : 'rescheduling'} closes ${notice} hours before the start.`
      continue
    }
    actions.push(action)
  }
  return { appointment: viewOf(row, actor), row, role, actions, blocked }
}

/** The calendar file (.ics) of an appointment its caller may see. */
export async function appointmentCalendar(ctx: RequestContext, id: string) {
  const { row } = await loadForActor(ctx, id)
  return calendarFile(ctx, row)
}

/** The acting doctor's live appointments (requested or confirmed) that overlap [from, to), soonest first. */
export async function liveAppointmentsDuring(ctx: RequestContext, window: { from: Date; to: Date }) {
  const actor = requireActor(ctx)
  if (!actor.doctorId) throw new UnauthorizedError()
  const rows = await appointmentsBetween(ctx.db, ownedByDoctor(actor.doctorId), window.from, window.to)
  return rows.filter((row) => row.status === 'pending' || row.status === 'confirmed').map((row) => viewOf(row, actor))
}

const AGENDA_SLACK = 2 * DAY_MS

/**
 * A verified doctor's agenda in one round trip: their zone, the appointments around [from, to)
 * (widened so any zone's days are covered; the page cuts them to its days) and the requests
 * still waiting for an answer.
 */
export async function doctorAgenda(ctx: RequestContext, window: { from: Date; to: Date }) {
  const actor = requireActor(ctx)
  if (!actor.doctorId) throw new UnauthorizedError()
  const owner = ownedByDoctor(actor.doctorId)
  const [zoneRows, rows, pending, outcomeNeeded, waiting] = await ctx.db.batch([
    doctorZoneStatement(ctx.db, actor.doctorId),
    appointmentsBetween(ctx.db, owner, new Date(window.from.getTime() - AGENDA_SLACK), new Date(window.to.getTime() + AGENDA_SLACK)),
    findAppointments(ctx.db, { owner, scope: 'upcoming', statuses: ['pending'], now: ctx.now, limit: 50 }),
    outcomeNeededStatement(ctx.db, owner, ctx.now),
    waitingCountStatement(ctx.db, actor.doctorId, earliestToday(ctx.now)),
  ])
  return {
    timezone: zoneRows[0]?.timezone ?? 'UTC',
    appointments: rows.map((row) => viewOf(row, actor)),
    // Urgent requests (a red flag in the questionnaire) first, then by start.
    pending: pending.map((row) => viewOf(row, actor)).sort((a, b) => Number(Boolean(b.urgent)) - Number(Boolean(a.urgent))),
    // Patients on the doctor's waitlist.
    waiting: waiting[0]?.count ?? 0,
    // Visits over a day past with no outcome: the doctor records completed or missed.
    outcomeNeeded: outcomeNeeded.map((row) => viewOf(row, actor)),
  }
}
