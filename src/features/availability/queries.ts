import { and, eq, gt, inArray, lt, type SQLWrapper } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, availabilityRules, availabilitySettings, doctors, timeOff, users } from '../../db/schema'
import { LIVE_APPOINTMENT_STATUSES } from '../../db/schema/enums'

// Everything slot computation needs for some doctors over a window, as statements for one
// db.batch. Booked appointments carry only their times: whose they are is nobody's business here.
// `doctorIds` is a list, or a subquery of ids so a search can batch its schedules with itself.
export function scheduleStatements(db: Db, doctorIds: string[] | SQLWrapper, from: Date, to: Date) {
  return [
    db.select().from(availabilitySettings).where(inArray(availabilitySettings.doctorId, doctorIds)),
    db.select().from(availabilityRules).where(inArray(availabilityRules.doctorId, doctorIds)),
    db
      .select({ doctorId: timeOff.doctorId, startAt: timeOff.startAt, endAt: timeOff.endAt })
      .from(timeOff)
      .where(and(inArray(timeOff.doctorId, doctorIds), lt(timeOff.startAt, to), gt(timeOff.endAt, from))),
    db
      .select({ doctorId: appointments.doctorId, startAt: appointments.startAt, endAt: appointments.endAt })
      .from(appointments)
      .where(
        and(
          inArray(appointments.doctorId, doctorIds),
          inArray(appointments.status, [...LIVE_APPOINTMENT_STATUSES]),
          lt(appointments.startAt, to),
          gt(appointments.endAt, from),
        ),
      ),
  ] as const
}

type ScheduleRows = Awaited<ReturnType<typeof schedulesOf>>
async function schedulesOf(db: Db, doctorIds: string[], from: Date, to: Date) {
  return db.batch(scheduleStatements(db, doctorIds, from, to))
}

export async function findSchedules(db: Db, doctorIds: string[], from: Date, to: Date) {
  if (doctorIds.length === 0) return new Map<string, Schedule>()
  return assembleSchedules(await schedulesOf(db, doctorIds, from, to))
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
  booked: { startAt: Date; endAt: Date }[]
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
