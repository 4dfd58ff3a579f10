import { offerFreedTime } from '../availability/offers'
import { offeredTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import { actorAuditStatement } from '../../core/audit'
import type { RequestContext } from '../../core/context'
import { ConflictError, NotFoundError, TimeOffOverlapsError, UnauthorizedError, ValidationError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { addDays, DAY_MS, instantFromWallTime } from '../../lib/time'
import { activeSpecialtyStatement } from '../specialties/queries'
import { liveAppointmentsDuring, transitionAppointment } from '../appointments/service'
import { consultationTypeAllowance } from '../plans/service'
import { planInForceStatement } from '../plans/queries'
import {
  availabilityStatements,
  consultationTypesStatement,
  deleteTimeOff,
  doctorZoneStatement,
  insertTimeOff,
  profileStatements,
  replaceAvailabilityStatements,
  replaceProfileStatements,
  upcomingTimeOffStatement,
  type TimeOffRow,
} from './queries'
import type { AvailabilityInput, ProfileInput, TimeOffInput } from './schemas'

// A doctor with no saved availability yet sees these as the starting point.
export const DEFAULT_AVAILABILITY = { timezone: 'UTC', slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 120, maxAdvanceDays: 60, autoConfirm: true }

function doctorOf(ctx: RequestContext): string {
  if (!ctx.actor?.doctorId) throw new UnauthorizedError()
  return ctx.actor.doctorId
}

/** The acting doctor's own profile with its languages and consultation types, in one round trip. */
export async function getProfile(ctx: RequestContext) {
  const [[row], languages, types] = await ctx.db.batch(profileStatements(ctx.db, doctorOf(ctx)))
  if (!row) throw new NotFoundError('No doctor profile.')
  return { ...row, languages, types }
}
export type PracticeProfile = Awaited<ReturnType<typeof getProfile>>

/** Replaces the doctor's profile, its languages and its consultation types in one batch (audited). */
export async function updateProfile(ctx: RequestContext, input: ProfileInput) {
  const doctorId = doctorOf(ctx)
  const [[specialty], [plan], current] = await ctx.db.batch([activeSpecialtyStatement(ctx.db, input.specialty_id), planInForceStatement(ctx.db, doctorId, ctx.now), consultationTypesStatement(ctx.db, doctorId)])
  if (!specialty) throw new ValidationError({ specialty_id: 'is not a listed specialty' })
  const settings = await settingsOf(ctx)
  const offered = offeredTypes(settings)
  const unavailable = input.consultation_types.find((t) => !offered.includes(t.type))
  if (unavailable) throw new ValidationError({ consultation_types: `may not include ${unavailable.type.replace('_', ' ')}: MediConnect does not offer it at the moment` })
  // As many kinds of visit as the plan allows; one who already offers more (their plan ended) keeps them, but adds none.
  const allowed = consultationTypeAllowance(plan, settings)
  if (input.consultation_types.length > allowed && input.consultation_types.length > current.length) {
    throw new ValidationError({ consultation_types: `may include at most ${allowed} kind${allowed === 1 ? '' : 's'} of visit on your plan (see Plan and billing)` })
  }
  const change = {
    specialtyId: input.specialty_id,
    bio: input.bio ?? null,
    qualifications: input.qualifications ?? null,
    city: input.city ?? null,
    practiceAddress: input.practice_address ?? null,
    feeCents: input.fee_cents,
    currency: input.currency,
    chargeUpFront: input.charge_up_front,
    languages: input.languages,
    consultationTypes: input.consultation_types.map((t) => ({ type: t.type, durationMinutes: t.duration_minutes, feeCents: t.fee_cents ?? null })),
    now: ctx.now,
  }
  await ctx.db.batch([
    ...replaceProfileStatements(ctx.db, doctorId, change),
    actorAuditStatement(ctx, { action: 'doctor.profile_updated', entityType: 'doctor', entityId: doctorId }),
  ])
  return getProfile(ctx)
}

/** The doctor's booking settings (the defaults until first saved) and weekly hours. */
export async function getAvailability(ctx: RequestContext) {
  const [[settings], rules] = await ctx.db.batch(availabilityStatements(ctx.db, doctorOf(ctx)))
  return { settings: settings ?? DEFAULT_AVAILABILITY, rules }
}
export type PracticeAvailability = Awaited<ReturnType<typeof getAvailability>>

/** Replaces settings and weekly hours in one batch (audited): patients never see half an edit. */
export async function updateAvailability(ctx: RequestContext, input: AvailabilityInput) {
  const doctorId = doctorOf(ctx)
  const settings = {
    timezone: input.timezone,
    slotMinutes: input.slot_minutes,
    bufferMinutes: input.buffer_minutes,
    minNoticeMinutes: input.min_notice_minutes,
    maxAdvanceDays: input.max_advance_days,
    autoConfirm: input.auto_confirm,
    updatedAt: ctx.now,
  }
  const weekly = input.weekly.map((r) => ({ weekday: r.weekday, startMinute: r.start, endMinute: r.end }))
  await ctx.db.batch([
    ...replaceAvailabilityStatements(ctx.db, doctorId, settings, weekly),
    actorAuditStatement(ctx, { action: 'doctor.availability_updated', entityType: 'doctor', entityId: doctorId }),
  ])
  // New working hours may free time that patients wait for.
  await offerFreedTime(ctx, doctorId)
  return getAvailability(ctx)
}

const zoneOf = (rows: { timezone: string }[]) => rows[0]?.timezone ?? DEFAULT_AVAILABILITY.timezone

/** The doctor's leave that has not ended yet, soonest first. */
export async function listTimeOff(ctx: RequestContext): Promise<TimeOffRow[]> {
  return upcomingTimeOffStatement(ctx.db, doctorOf(ctx), ctx.now)
}

/** The time-off page: the list and the zone its days are in, in one round trip. */
export async function timeOffWithZone(ctx: RequestContext) {
  const doctorId = doctorOf(ctx)
  const [items, zone] = await ctx.db.batch([upcomingTimeOffStatement(ctx.db, doctorId, ctx.now), doctorZoneStatement(ctx.db, doctorId)])
  return { items, timezone: zoneOf(zone) }
}

// A date means the whole day in the doctor's zone: the start day from its midnight, the end
// day up to the next midnight.
function resolveBound(value: Date | string, timezone: string, edge: 'start' | 'end'): Date {
  if (value instanceof Date) return value
  const [year, month, day] = value.split('-').map(Number) as [number, number, number]
  const date = edge === 'start' ? { year, month, day } : addDays({ year, month, day }, 1)
  return instantFromWallTime(date, 0, timezone)
}

// What becomes of appointments the time off covers: cancelled (each patient told, with a link to
// choose another time) or kept (the doctor will see them).
export type OverlapDecision = 'cancel' | 'keep'

// The reason a patient reads on an appointment cancelled for time off (the doctor's own note
// about the time off stays private).
const TIME_OFF_REASON = 'Your doctor is not available at this time. Please choose another time.'

/**
 * Adds leave (whole days in the doctor's zone, or exact instants): not past, at most a year long.
 * Leave over booked appointments needs a decision about them: without one, nothing is added and
 * the appointments are named (TimeOffOverlapsError).
 */
export async function addTimeOff(ctx: RequestContext, input: TimeOffInput & { overlapping?: OverlapDecision }) {
  const doctorId = doctorOf(ctx)
  const timezone = zoneOf(await doctorZoneStatement(ctx.db, doctorId))
  const startAt = resolveBound(input.start, timezone, 'start')
  const endAt = resolveBound(input.end, timezone, 'end')
  if (endAt <= startAt) throw new ValidationError({ end: 'must be after the start' })
  if (endAt <= ctx.now) throw new ValidationError({ end: 'is in the past' })
  if (endAt.getTime() - startAt.getTime() > 366 * DAY_MS) throw new ValidationError({ end: 'must be within a year of the start' })
  const overlapping = (await liveAppointmentsDuring(ctx, { from: startAt, to: endAt })).filter((a) => a.endAt > ctx.now)
  if (overlapping.length && !input.overlapping) {
    throw new TimeOffOverlapsError(overlapping.map((a) => ({ id: a.id, start: a.startAt.toISOString(), patient: a.patient.name, status: a.status })))
  }
  const row = { id: newId('off'), doctorId, startAt, endAt, reason: input.reason ?? null, createdAt: ctx.now }
  await ctx.db.batch([
    insertTimeOff(ctx.db, row),
    actorAuditStatement(ctx, { action: 'doctor.time_off_added', entityType: 'time_off', entityId: row.id, metadata: { overlapping: overlapping.length, decision: overlapping.length ? input.overlapping : undefined } }),
  ])
  const cancelled: string[] = []
  if (input.overlapping === 'cancel') {
    for (const appointment of overlapping) {
      try {
        await transitionAppointment(ctx, { id: appointment.id, action: 'cancel', reason: TIME_OFF_REASON })
        cancelled.push(appointment.id)
      } catch (err) {
        // Cancelled or moved meanwhile by someone else: nothing left to do for it.
        if (!(err instanceof ConflictError)) throw err
      }
    }
  }
  return { timeOff: row, overlapping: overlapping.map((a) => a.id), cancelled }
}

/** Removes the doctor's own leave (another doctor's is not found); audited after the response. */
export async function removeTimeOff(ctx: RequestContext, id: string) {
  const deleted = await deleteTimeOff(ctx.db, doctorOf(ctx), id)
  if (deleted.length === 0) throw new NotFoundError('No such time off.')
  ctx.background(actorAuditStatement(ctx, { action: 'doctor.time_off_removed', entityType: 'time_off', entityId: id }).execute())
  await offerFreedTime(ctx, doctorOf(ctx))
}
