import { finalizeNotesStatement } from '../visit-notes/service'
import { callRoom } from '../../durable-objects/call-room/stub'
import { and, eq, inArray, sql } from 'drizzle-orm'
import { isUniqueViolation } from '../../db/errors'
import { appointments, availabilitySettings, settings } from '../../db/schema'
import { LIVE_APPOINTMENT_STATUSES, type AppointmentStatus } from '../../db/schema/enums'
import { AppError, ConflictError, NotFoundError, PolicyError, UnauthorizedError, ValidationError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import { toIsoInstant } from '../../lib/time'
import { calendarFile, notifyRescheduled, notifyTransition } from './notify'
import { auditStatement } from '../../core/audit'
import { requestOrigin, type RequestContext } from '../../core/context'
import type { Actor } from '../../core/actor'
import { assembleSchedules, scheduleStatements } from '../availability/queries'
import { slotsFromSchedule } from '../availability/service'
import { toApiAppointment } from '../booking/present'
import { SlotUnavailableError } from '../booking/service'
import { appointmentsBetween, appointmentStatement, findAppointment, findAppointments, insertEventWhere, ownedByDoctor, ownedByPatient, type AppointmentRow } from './queries'
import { allowedTransition, type Action, type AppointmentRole } from './state-machine'

// Clinic policy (settings, with these defaults): a patient cancels or reschedules at least this
// many hours before the start; later, the page says why and whom to contact.
export const POLICY_SETTING = 'appointments.policy'
const DEFAULT_POLICY = { cancelNoticeHours: 24, rescheduleNoticeHours: 24 }

// The caller's part in an appointment, or nothing: then it does not exist for them (404).
function actorFor(user: Actor, row: NonNullable<AppointmentRow>): AppointmentRole | undefined {
  if (user.role === 'patient' && row.patientId === user.id) return 'patient'
  if (user.doctorId !== null && row.doctorId === user.doctorId) return 'doctor'
  if (user.role === 'admin') return 'admin'
  return undefined
}

function present(row: NonNullable<AppointmentRow>, user: Actor) {
  const view = toApiAppointment({
    ...row,
    patient: { id: row.patientId, name: row.patientName },
    doctor: { id: row.doctorId, name: row.doctorName, specialty: row.specialty },
  })
  // Support admins see appointments but not why people booked them.
  return user.role === 'admin' && user.adminRole === 'support' ? { ...view, reason: null } : view
}

async function load(ctx: RequestContext, id: string) {
  const user = ctx.actor
  if (!user) throw new UnauthorizedError()
  const row = await findAppointment(ctx.db, id)
  const actor = row ? actorFor(user, row) : undefined
  if (!row || !actor) throw new NotFoundError('No such appointment.')
  return { user, row, actor }
}

export async function getAppointment(ctx: RequestContext, id: string) {
  const { user, row } = await load(ctx, id)
  return present(row, user)
}

export async function listAppointments(
  ctx: RequestContext,
  query: { scope?: 'upcoming' | 'past'; status?: AppointmentStatus[]; limit: number },
) {
  const user = ctx.actor
  if (!user) throw new UnauthorizedError()
  // A doctor who may not act as one (not verified) has no appointments to see.
  if (user.role === 'doctor' && !user.doctorId) return []
  const owner = user.role === 'patient' ? ownedByPatient(user.id) : user.doctorId ? ownedByDoctor(user.doctorId) : undefined
  const rows = await findAppointments(ctx.db, { owner, scope: query.scope, statuses: query.status, now: new Date(), limit: query.limit })
  return rows.map((row) => present(row, user))
}

async function policy(ctx: RequestContext) {
  return policyFrom(await policyStatement(ctx))
}

const policyStatement = (ctx: RequestContext) => ctx.db.select({ value: settings.value }).from(settings).where(eq(settings.key, POLICY_SETTING))
const policyFrom = ([row]: { value: unknown }[]) => ({ ...DEFAULT_POLICY, ...(row?.value as Partial<typeof DEFAULT_POLICY> | undefined) })

const PAGE_ACTIONS: Action[] = ['confirm', 'reject', 'reschedule', 'cancel', 'complete', 'no_show']

// What an appointment's page shows its viewer, in one round trip: the appointment, what the state
// machine lets them do now, and, for a patient past a cut-off, why an action is not offered.
export async function appointmentForPage(ctx: RequestContext, id: string, now = new Date()) {
  const user = ctx.actor
  if (!user) throw new UnauthorizedError()
  const [[row], policyRows] = await ctx.db.batch([appointmentStatement(ctx.db, id), policyStatement(ctx)])
  const actor = row ? actorFor(user, row) : undefined
  if (!row || !actor) throw new NotFoundError('No such appointment.')
  const rules = policyFrom(policyRows)
  const hoursLeft = (row.startAt.getTime() - now.getTime()) / 3_600_000
  const actions: Action[] = []
  const blocked: Partial<Record<Action, string>> = {}
  for (const action of PAGE_ACTIONS) {
    const { byActor, fromStatus } = allowedTransition(action, row.status, actor)
    if (!byActor || !fromStatus) continue
    if (action === 'no_show' && now < row.startAt) continue
    const notice = action === 'cancel' ? rules.cancelNoticeHours : action === 'reschedule' ? rules.rescheduleNoticeHours : undefined
    if (actor === 'patient' && notice !== undefined && hoursLeft < notice) {
      blocked[action] = `Online ${action === 'cancel' ? 'cancellation' : 'rescheduling'} closes ${notice} hours before the start.`
      continue
    }
    actions.push(action)
  }
  return { appointment: present(row, user), row, actor, actions, blocked }
}

// One state machine for every change of status (state-machine.ts): who may, from which status,
// the clinic's notice rules; then a conditional write (the status must still be what was read)
// with the history entry, in one batch.
export async function transitionAppointment(
  ctx: RequestContext,
  id: string,
  action: Exclude<Action, 'reschedule'>,
  input: { reason?: string } = {},
) {
  const { user, row, actor } = await load(ctx, id)
  const now = new Date()
  const { byActor, fromStatus, to } = allowedTransition(action, row.status, actor)
  if (!byActor) throw new AppError(403, 'forbidden', `A ${actor} cannot ${action.replace('_', '-')} an appointment.`)
  if (!fromStatus) throw new ConflictError(`An appointment that is ${row.status.replace('_', ' ')} cannot be changed that way.`, 'invalid_transition')
  if (action === 'no_show' && now < row.startAt) throw new ConflictError('A no-show can be recorded only after the start.', 'invalid_transition')
  if (action === 'reject' && !input.reason) throw new ValidationError({ reason: 'is required' })
  if (action === 'cancel' && actor === 'patient') {
    const { cancelNoticeHours } = await policy(ctx)
    if (row.startAt.getTime() - now.getTime() < cancelNoticeHours * 3_600_000) {
      throw new PolicyError(`Appointments can be cancelled online up to ${cancelNoticeHours} hours before they start. Please contact the clinic.`)
    }
  }
  const [updated] = await ctx.db.batch([
    ctx.db
      .update(appointments)
      .set({ status: to, statusReason: input.reason ?? null, updatedAt: now })
      .where(and(eq(appointments.id, id), eq(appointments.status, row.status)))
      .returning({ id: appointments.id }),
    insertEventWhere(
      ctx.db,
      { id: newId('ape'), appointmentId: id, actorUserId: user.id, kind: 'status_changed', fromStatus: row.status, toStatus: to, note: input.reason ?? null, now },
      and(eq(appointments.id, id), eq(appointments.status, to), eq(appointments.updatedAt, now))!,
    ),
    // A completed visit's draft notes become final with it.
    ...(to === 'completed' ? [finalizeNotesStatement(ctx.db, id, now)] : []),
  ])
  if (updated.length === 0) throw new ConflictError('The appointment changed in the meantime. Please reload it.', 'invalid_transition')
  ctx.background(
    auditStatement(ctx.db, { action: `appointment.${action}`, actorUserId: user.id, actorRole: user.role, entityType: 'appointment', entityId: id, subjectUserId: row.patientId, ...requestOrigin(ctx), metadata: { from: row.status, to } }).execute(),
  )
  const changed = { ...row, status: to, updatedAt: now }
  // A call can only go on while the appointment is confirmed; anyone still in it is let go.
  if (to !== 'confirmed') ctx.background(callRoom(ctx.env, id).end(to))
  await safely(notifyTransition(ctx, changed, action, actor, input.reason), id)
  return present(changed, user)
}

// A change that is made stays made; an email that could not be queued is logged.
async function safely(work: Promise<unknown>, appointmentId: string) {
  try {
    await work
  } catch (err) {
    log('error', 'appointment email not queued', { appointment_id: appointmentId, error: describeError(err) })
  }
}

// The calendar file of an appointment its caller may see.
export async function appointmentCalendar(ctx: RequestContext, id: string) {
  const { row } = await load(ctx, id)
  return calendarFile(ctx, row)
}

// A new time for the same appointment, written only if the new slot is free (the same
// conditional check as booking, which also ignores the appointment itself).
export async function rescheduleAppointment(ctx: RequestContext, id: string, start: Date) {
  const { user, row, actor } = await load(ctx, id)
  const now = new Date()
  const { byActor, fromStatus } = allowedTransition('reschedule', row.status, actor)
  if (!byActor) throw new AppError(403, 'forbidden', `A ${actor} cannot reschedule an appointment.`)
  if (!fromStatus) throw new ConflictError(`An appointment that is ${row.status.replace('_', ' ')} cannot be rescheduled.`, 'invalid_transition')
  if (actor === 'patient') {
    const { rescheduleNoticeHours } = await policy(ctx)
    if (row.startAt.getTime() - now.getTime() < rescheduleNoticeHours * 3_600_000) {
      throw new PolicyError(`Appointments can be moved online up to ${rescheduleNoticeHours} hours before they start. Please contact the clinic.`)
    }
  }
  const from = new Date(start.getTime() - 24 * 3_600_000)
  const to = new Date(start.getTime() + 2 * 24 * 3_600_000)
  const schedules = assembleSchedules(await ctx.db.batch(scheduleStatements(ctx.db, [row.doctorId], from, to)))
  const schedule = schedules.get(row.doctorId)
  // The appointment's own current time does not block its new one.
  const own = schedule ? { ...schedule, booked: schedule.booked.filter((b) => b.startAt.getTime() !== row.startAt.getTime()) } : undefined
  const slots = slotsFromSchedule(own, from, to, now)
  const slot = slots.find((s) => s.start.getTime() === start.getTime())
  if (!slot || !schedule) throw new SlotUnavailableError(slots.slice(0, 3))
  const buffer = schedule.settings.bufferMinutes * 60_000
  const live = sql.raw(LIVE_APPOINTMENT_STATUSES.map((s) => `'${s}'`).join(', '))
  let moved: { id: string }[]
  try {
    ;[moved] = await ctx.db.batch([
      ctx.db
        .update(appointments)
        .set({ startAt: slot.start, endAt: slot.end, updatedAt: now })
        .where(
          and(
            eq(appointments.id, id),
            inArray(appointments.status, [...LIVE_APPOINTMENT_STATUSES]),
            sql`not exists (select 1 from ${appointments} other where other.doctor_id = ${row.doctorId} and other.id <> ${id} and other.status in (${live}) and other.start_at < ${slot.end.getTime() + buffer} and other.end_at > ${slot.start.getTime() - buffer})`,
          ),
        )
        .returning({ id: appointments.id }),
      insertEventWhere(
        ctx.db,
        { id: newId('ape'), appointmentId: id, actorUserId: user.id, kind: 'rescheduled', fromStatus: row.status, toStatus: row.status, data: { from: toIsoInstant(row.startAt), to: toIsoInstant(slot.start) }, now },
        and(eq(appointments.id, id), eq(appointments.updatedAt, now))!,
      ),
    ])
  } catch (err) {
    if (isUniqueViolation(err, 'appointments')) throw new SlotUnavailableError(slots.slice(0, 3))
    throw err
  }
  if (moved.length === 0) throw new SlotUnavailableError(slots.filter((s) => s.start.getTime() !== start.getTime()).slice(0, 3))
  const changed = { ...row, startAt: slot.start, endAt: slot.end, updatedAt: now }
  await safely(notifyRescheduled(ctx, changed, actor, row.startAt), id)
  return present(changed, user)
}

const AGENDA_SLACK = 2 * 24 * 3_600_000

// A verified doctor's agenda in one round trip: their zone, the appointments around [from, to)
// (widened so any zone's days are covered; the page cuts them to its days) and the requests
// still waiting for an answer.
export async function doctorAgenda(ctx: RequestContext, from: Date, to: Date, now = new Date()) {
  const user = ctx.actor
  if (!user?.doctorId) throw new UnauthorizedError()
  const owner = ownedByDoctor(user.doctorId)
  const [zoneRows, rows, pending] = await ctx.db.batch([
    ctx.db.select({ timezone: availabilitySettings.timezone }).from(availabilitySettings).where(eq(availabilitySettings.doctorId, user.doctorId)),
    appointmentsBetween(ctx.db, owner, new Date(from.getTime() - AGENDA_SLACK), new Date(to.getTime() + AGENDA_SLACK)),
    findAppointments(ctx.db, { owner, scope: 'upcoming', statuses: ['pending'], now, limit: 50 }),
  ])
  return {
    timezone: zoneRows[0]?.timezone ?? 'UTC',
    appointments: rows.map((row) => present(row, user)),
    pending: pending.map((row) => present(row, user)),
  }
}
