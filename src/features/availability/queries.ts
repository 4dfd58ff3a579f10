import { and, eq, gt, inArray, lt, sql, type SQL, type SQLWrapper } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, availabilityRules, availabilitySettings, doctors, slotOffers, timeOff, users } from '../../db/schema'
import { LIVE_APPOINTMENT_STATUSES } from '../../db/schema/enums'
import { MINUTE_MS } from '../../lib/time'

// Everything slot computation needs for some doctors over a window, as statements for one
// db.batch. Booked appointments carry only their id and times: whose they are is nobody's
// business here. `doctorIds` is a list, or a subquery of ids so a search can batch its schedules
// with itself. A slot held for someone (an open offer, until it expires at `now`'s clock) counts
// as booked.
export function scheduleStatements(db: Db, doctorIds: string[] | SQLWrapper, from: Date, to: Date, now: Date) {
  return [
    db.select().from(availabilitySettings).where(inArray(availabilitySettings.doctorId, doctorIds)),
    db.select().from(availabilityRules).where(inArray(availabilityRules.doctorId, doctorIds)),
    db
      .select({ doctorId: timeOff.doctorId, startAt: timeOff.startAt, endAt: timeOff.endAt })
      .from(timeOff)
      .where(and(inArray(timeOff.doctorId, doctorIds), lt(timeOff.startAt, to), gt(timeOff.endAt, from))),
    db
      .select({ id: appointments.id, doctorId: appointments.doctorId, startAt: appointments.startAt, endAt: appointments.endAt })
      .from(appointments)
      .where(
        and(
          inArray(appointments.doctorId, doctorIds),
          inArray(appointments.status, [...LIVE_APPOINTMENT_STATUSES]),
          lt(appointments.startAt, to),
          gt(appointments.endAt, from),
        ),
      )
      .unionAll(
        db
          .select({ id: slotOffers.id, doctorId: slotOffers.doctorId, startAt: slotOffers.startAt, endAt: slotOffers.endAt })
          .from(slotOffers)
          .where(and(inArray(slotOffers.doctorId, doctorIds), heldOffer(now), lt(slotOffers.startAt, to), gt(slotOffers.endAt, from))),
      ),
  ] as const
}

export type ScheduleRows = Awaited<ReturnType<typeof schedulesOf>>
function schedulesOf(db: Db, doctorIds: string[], from: Date, to: Date) {
  return db.batch(scheduleStatements(db, doctorIds, from, to, from))
}

export function assembleSchedules([settingsRows, ruleRows, offRows, bookedRows]: ScheduleRows) {
  const schedules = new Map<string, Schedule>()
  for (const settings of settingsRows) schedules.set(settings.doctorId, { settings, rules: [], timeOff: [], booked: [] })
  // One pass over each list (a search may hold hundreds of doctors and thousands of bookings).
  for (const rule of ruleRows) schedules.get(rule.doctorId)?.rules.push(rule)
  for (const off of offRows) schedules.get(off.doctorId)?.timeOff.push(off)
  for (const booked of bookedRows) schedules.get(booked.doctorId)?.booked.push(booked)
  return schedules
}

export type Schedule = {
  settings: typeof availabilitySettings.$inferSelect
  rules: (typeof availabilityRules.$inferSelect)[]
  timeOff: { startAt: Date; endAt: Date }[]
  booked: { id: string; startAt: Date; endAt: Date }[]
}

// A doctor patients may see and book: verified, with an active account.
export function bookableDoctorCondition() {
  return and(eq(doctors.status, 'verified'), eq(users.status, 'active'))
}

export function bookableDoctorStatement(db: Db, doctorId: string) {
  return db
    .select({ id: doctors.id })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .where(and(eq(doctors.id, doctorId), bookableDoctorCondition()))
}

const LIVE = sql.raw(LIVE_APPOINTMENT_STATUSES.map((s) => `'${s}'`).join(', '))

// An offer that holds its slot: open, and not expired at `now`.
const heldOffer = (now: Date) => and(eq(slotOffers.status, 'open'), gt(slotOffers.expiresAt, now))

/**
 * "This slot is free", as SQL for the write that takes it: no live appointment of the doctor
 * (other than `ignoring`, the one being moved) overlaps the slot widened by the buffer, and no
 * slot held for someone else (an open offer other than `offer`, the one taking it) overlaps it.
 * The booking insert, the reschedule update and an offer's own insert all carry it, so the check
 * and the write are one statement and two requests for one slot cannot both pass.
 */
export function slotIsFree(slot: { doctorId: string; startAt: Date; endAt: Date; bufferMinutes: number; now: Date; ignoring?: string; offer?: string }): SQL {
  const buffer = slot.bufferMinutes * MINUTE_MS
  const from = slot.startAt.getTime() - buffer
  const to = slot.endAt.getTime() + buffer
  return sql`not exists (
    select 1 from ${appointments} as taken
    where taken.doctor_id = ${slot.doctorId} and taken.status in (${LIVE})
      and taken.id <> ${slot.ignoring ?? ''}
      and taken.start_at < ${to} and taken.end_at > ${from}
  ) and not exists (
    select 1 from ${slotOffers} as held
    where held.doctor_id = ${slot.doctorId} and held.status = 'open' and held.expires_at > ${slot.now.getTime()}
      and held.id <> ${slot.offer ?? ''}
      and held.start_at < ${to} and held.end_at > ${from}
  )`
}
