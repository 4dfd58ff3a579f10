import type { Db } from '../../db/client'
import { NotFoundError } from '../../lib/errors'
import { assembleSchedules, bookableDoctorStatement, scheduleStatements, type Schedule } from './queries'
import { findFreeSlots, type Slot } from './slots'

export function slotsFromSchedule(schedule: Schedule | undefined, from: Date, to: Date, now: Date, limit?: number): Slot[] {
  if (!schedule) return []
  return findFreeSlots({ settings: schedule.settings, rules: schedule.rules, timeOff: schedule.timeOff, booked: schedule.booked, from, to, now, limit })
}

export function nextFreeSlot(schedule: Schedule | undefined, from: Date, to: Date, now: Date): Slot | undefined {
  return slotsFromSchedule(schedule, from, to, now, 1)[0]
}

// Free slots of one bookable doctor; anyone else (pending, rejected, deactivated) is not found.
export async function freeSlots(db: Db, doctorId: string, from: Date, to: Date, now = new Date()) {
  const [doctor, ...rows] = await db.batch([bookableDoctorStatement(db, doctorId), ...scheduleStatements(db, [doctorId], from, to)])
  if (doctor.length === 0) throw new NotFoundError('No such doctor.')
  const schedule = assembleSchedules(rows).get(doctorId)
  return { timezone: schedule?.settings.timezone ?? 'UTC', slots: slotsFromSchedule(schedule, from, to, now) }
}
