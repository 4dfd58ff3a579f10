import { and, asc, eq, gt } from 'drizzle-orm'
import {
  availabilityRules,
  availabilitySettings,
  doctorConsultationTypes,
  doctorLanguages,
  doctors,
  specialties,
  timeOff,
  users,
} from '../../db/schema'
import { NotFoundError, UnauthorizedError, ValidationError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { addDays, DAY_MS, instantFromWallTime, toIsoInstant } from '../../lib/time'
import { auditStatement } from '../../core/audit'
import { requestOrigin, type RequestContext } from '../../core/context'
import type { AvailabilityInput, ProfileInput, TimeOffInput } from './schemas'

// A doctor with no saved availability yet sees these as the starting point.
export const DEFAULT_AVAILABILITY = { timezone: 'UTC', slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 120, maxAdvanceDays: 60, autoConfirm: true }

const TIME_OFF_LIST_LIMIT = 100

function doctorOf(ctx: RequestContext): string {
  if (!ctx.actor?.doctorId) throw new UnauthorizedError()
  return ctx.actor.doctorId
}

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

export async function getProfile(ctx: RequestContext) {
  const doctorId = doctorOf(ctx)
  const [[row], languages, types] = await ctx.db.batch([
    ctx.db
      .select({ doctor: doctors, name: users.name, specialty: specialties.name })
      .from(doctors)
      .innerJoin(users, eq(users.id, doctors.userId))
      .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
      .where(eq(doctors.id, doctorId)),
    ctx.db.select({ language: doctorLanguages.language }).from(doctorLanguages).where(eq(doctorLanguages.doctorId, doctorId)).orderBy(doctorLanguages.language),
    ctx.db.select().from(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId)).orderBy(doctorConsultationTypes.type),
  ])
  if (!row) throw new NotFoundError('No doctor profile.')
  const d = row.doctor
  return {
    id: d.id,
    name: row.name,
    license_number: d.licenseNumber,
    status: d.status,
    specialty_id: d.specialtyId,
    specialty: row.specialty,
    bio: d.bio,
    qualifications: d.qualifications,
    city: d.city,
    languages: languages.map((l) => l.language),
    fee_cents: d.feeCents,
    currency: d.currency,
    consultation_types: types.map((t) => ({ type: t.type, duration_minutes: t.durationMinutes })),
  }
}

// One batch replaces the profile, its languages and its consultation types together.
export async function updateProfile(ctx: RequestContext, input: ProfileInput) {
  const doctorId = doctorOf(ctx)
  const [specialty] = await ctx.db.select({ id: specialties.id }).from(specialties).where(and(eq(specialties.id, input.specialty_id), eq(specialties.active, true)))
  if (!specialty) throw new ValidationError({ specialty_id: 'is not a listed specialty' })
  const now = new Date()
  await ctx.db.batch([
    ctx.db
      .update(doctors)
      .set({ specialtyId: input.specialty_id, bio: input.bio ?? null, qualifications: input.qualifications ?? null, city: input.city ?? null, feeCents: input.fee_cents, currency: input.currency, updatedAt: now })
      .where(eq(doctors.id, doctorId)),
    ctx.db.delete(doctorLanguages).where(eq(doctorLanguages.doctorId, doctorId)),
    ...(input.languages.length ? [ctx.db.insert(doctorLanguages).values(input.languages.map((language) => ({ doctorId, language })))] : []),
    ctx.db.delete(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId)),
    ctx.db.insert(doctorConsultationTypes).values(input.consultation_types.map((t) => ({ doctorId, type: t.type, durationMinutes: t.duration_minutes }))),
    auditStatement(ctx.db, { action: 'doctor.profile_updated', actorUserId: ctx.actor!.id, actorRole: 'doctor', entityType: 'doctor', entityId: doctorId, ...requestOrigin(ctx) }),
  ])
  return getProfile(ctx)
}

export async function getAvailability(ctx: RequestContext) {
  const doctorId = doctorOf(ctx)
  const [[settings], rules] = await ctx.db.batch([
    ctx.db.select().from(availabilitySettings).where(eq(availabilitySettings.doctorId, doctorId)),
    ctx.db.select().from(availabilityRules).where(eq(availabilityRules.doctorId, doctorId)).orderBy(availabilityRules.weekday, availabilityRules.startMinute),
  ])
  const s = settings ?? DEFAULT_AVAILABILITY
  return {
    timezone: s.timezone,
    slot_minutes: s.slotMinutes,
    buffer_minutes: s.bufferMinutes,
    min_notice_minutes: s.minNoticeMinutes,
    max_advance_days: s.maxAdvanceDays,
    auto_confirm: s.autoConfirm,
    weekly: rules.map((r) => ({ weekday: r.weekday, start: clock(r.startMinute), end: clock(r.endMinute) })),
  }
}

// Settings and weekly hours replaced in one batch: patients never see half an edit.
export async function updateAvailability(ctx: RequestContext, input: AvailabilityInput) {
  const doctorId = doctorOf(ctx)
  const now = new Date()
  const values = {
    timezone: input.timezone,
    slotMinutes: input.slot_minutes,
    bufferMinutes: input.buffer_minutes,
    minNoticeMinutes: input.min_notice_minutes,
    maxAdvanceDays: input.max_advance_days,
    autoConfirm: input.auto_confirm,
    updatedAt: now,
  }
  await ctx.db.batch([
    ctx.db.insert(availabilitySettings).values({ doctorId, ...values }).onConflictDoUpdate({ target: availabilitySettings.doctorId, set: values }),
    ctx.db.delete(availabilityRules).where(eq(availabilityRules.doctorId, doctorId)),
    ...(input.weekly.length
      ? [ctx.db.insert(availabilityRules).values(input.weekly.map((r) => ({ doctorId, weekday: r.weekday, startMinute: r.start, endMinute: r.end })))]
      : []),
    auditStatement(ctx.db, { action: 'doctor.availability_updated', actorUserId: ctx.actor!.id, actorRole: 'doctor', entityType: 'doctor', entityId: doctorId, ...requestOrigin(ctx) }),
  ])
  return getAvailability(ctx)
}

const toApiTimeOff = (row: typeof timeOff.$inferSelect) => ({ id: row.id, start: toIsoInstant(row.startAt), end: toIsoInstant(row.endAt), reason: row.reason })

// Leave that has not ended yet, soonest first.
function upcomingTimeOffStatement(ctx: RequestContext, doctorId: string, now: Date) {
  return ctx.db
    .select()
    .from(timeOff)
    .where(and(eq(timeOff.doctorId, doctorId), gt(timeOff.endAt, now)))
    .orderBy(asc(timeOff.startAt))
    .limit(TIME_OFF_LIST_LIMIT)
}

const zoneStatement = (ctx: RequestContext, doctorId: string) =>
  ctx.db.select({ timezone: availabilitySettings.timezone }).from(availabilitySettings).where(eq(availabilitySettings.doctorId, doctorId))
const zoneOf = (rows: { timezone: string }[]) => rows[0]?.timezone ?? DEFAULT_AVAILABILITY.timezone

export async function listTimeOff(ctx: RequestContext, now = new Date()) {
  return (await upcomingTimeOffStatement(ctx, doctorOf(ctx), now)).map(toApiTimeOff)
}

// The time-off page: the list and the zone its days are in, in one round trip.
export async function timeOffWithZone(ctx: RequestContext, now = new Date()) {
  const doctorId = doctorOf(ctx)
  const [rows, zone] = await ctx.db.batch([upcomingTimeOffStatement(ctx, doctorId, now), zoneStatement(ctx, doctorId)])
  return { items: rows.map(toApiTimeOff), timezone: zoneOf(zone) }
}

// A date means the whole day in the doctor's zone: the start day from its midnight, the end
// day up to the next midnight.
function resolveBound(value: Date | string, timezone: string, edge: 'start' | 'end'): Date {
  if (value instanceof Date) return value
  const [year, month, day] = value.split('-').map(Number) as [number, number, number]
  const date = edge === 'start' ? { year, month, day } : addDays({ year, month, day }, 1)
  return instantFromWallTime(date, 0, timezone)
}

export async function addTimeOff(ctx: RequestContext, input: TimeOffInput, now = new Date()) {
  const doctorId = doctorOf(ctx)
  const timezone = zoneOf(await zoneStatement(ctx, doctorId))
  const startAt = resolveBound(input.start, timezone, 'start')
  const endAt = resolveBound(input.end, timezone, 'end')
  if (endAt <= startAt) throw new ValidationError({ end: 'must be after the start' })
  if (endAt <= now) throw new ValidationError({ end: 'is in the past' })
  if (endAt.getTime() - startAt.getTime() > 366 * DAY_MS) throw new ValidationError({ end: 'must be within a year of the start' })
  const row = { id: newId('off'), doctorId, startAt, endAt, reason: input.reason ?? null, createdAt: now }
  await ctx.db.batch([
    ctx.db.insert(timeOff).values(row),
    auditStatement(ctx.db, { action: 'doctor.time_off_added', actorUserId: ctx.actor!.id, actorRole: 'doctor', entityType: 'time_off', entityId: row.id, ...requestOrigin(ctx) }),
  ])
  return toApiTimeOff(row)
}

export async function removeTimeOff(ctx: RequestContext, id: string) {
  const doctorId = doctorOf(ctx)
  const [deleted] = await ctx.db.batch([
    ctx.db.delete(timeOff).where(and(eq(timeOff.id, id), eq(timeOff.doctorId, doctorId))).returning({ id: timeOff.id }),
  ])
  if (deleted.length === 0) throw new NotFoundError('No such time off.')
  ctx.background(auditStatement(ctx.db, { action: 'doctor.time_off_removed', actorUserId: ctx.actor!.id, actorRole: 'doctor', entityType: 'time_off', entityId: id, ...requestOrigin(ctx) }).execute())
}
