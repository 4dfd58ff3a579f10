import type { RequestContext } from '../../core/context'
import { NotFoundError } from '../../lib/errors'
import { dateKey, DAY_MS, wallTimeIn } from '../../lib/time'
import { assembleSchedules, bookableDoctorStatement, scheduleStatements, type Schedule } from './queries'
import { findFreeSlots, type Slot } from './slots'

// Availability owns free time: which slots of a doctor are free, whether one still is, and which
// are nearest to one just taken. Booking, rescheduling, the doctor page and search all ask here.

/** Free slots of a doctor's schedule in [from, to): working hours minus time off, bookings with their buffers, notice and advance limits. `ignoring` leaves one appointment out (the one being moved), and its own current time is then not offered; `heldBy` leaves one offer's hold out (the offer being taken). */
export function freeSlotsOf(
  schedule: Schedule | undefined,
  window: { from: Date; to: Date },
  now: Date,
  options: { ignoring?: { id: string; startAt: Date }; heldBy?: string; limit?: number } = {},
): Slot[] {
  if (!schedule) return []
  const { ignoring, heldBy } = options
  // `heldBy`: the offer taking its own held slot (the hold keeps it from everyone else).
  const booked = schedule.booked.filter((b) => b.id !== ignoring?.id && b.id !== heldBy)
  const slots = findFreeSlots({ ...schedule, booked, from: window.from, to: window.to, now, limit: options.limit })
  return ignoring ? slots.filter((s) => s.start.getTime() !== ignoring.startAt.getTime()) : slots
}

/** The first free slot in the window, if any (search and the doctor page show it). */
export function nextFreeSlot(schedule: Schedule | undefined, window: { from: Date; to: Date }, now: Date): Slot | undefined {
  return freeSlotsOf(schedule, window, now, { limit: 1 })[0]
}

// The most free times one page of a doctor's times shows (radio buttons in the HTML).
const SLOTS_PER_PAGE = 300

/**
 * How many days of a doctor's times fit one page: a week for an ordinary schedule, fewer (down to
 * one day) for a dense one, so the page stays small whatever the schedule (a round-the-clock,
 * 5-minute day is 288 times).
 */
export function daysPerPage(schedule: Schedule | undefined, most = 7): number {
  if (!schedule) return most
  const { slotMinutes, bufferMinutes } = schedule.settings
  const perWeekday = new Map<number, number>()
  for (const rule of schedule.rules) {
    const fits = Math.max(0, Math.floor((rule.endMinute - rule.startMinute - slotMinutes) / (slotMinutes + bufferMinutes)) + 1)
    perWeekday.set(rule.weekday, (perWeekday.get(rule.weekday) ?? 0) + fits)
  }
  const busiest = Math.max(1, ...perWeekday.values())
  return Math.max(1, Math.min(most, Math.floor(SLOTS_PER_PAGE / busiest)))
}

/** The free slots closest to `start` (other than it), in time order: what to offer when it is gone. */
export function nearestAlternatives(slots: Slot[], start: Date, count = 3): Slot[] {
  return slots
    .filter((s) => s.start.getTime() !== start.getTime())
    .sort((a, b) => Math.abs(a.start.getTime() - start.getTime()) - Math.abs(b.start.getTime() - start.getTime()))
    .slice(0, count)
    .sort((a, b) => a.start.getTime() - b.start.getTime())
}

/** The schedule window that decides whether a slot starting at `start` is free and holds its nearest alternatives. */
export function windowAround(start: Date) {
  return { from: new Date(start.getTime() - DAY_MS), to: new Date(start.getTime() + 2 * DAY_MS) }
}

/** The schedule window that covers whole local dates in any zone: none is 14 hours from UTC, so a day either side is enough. */
function windowForDates(from: string, to: string) {
  return { from: new Date(Date.parse(from) - DAY_MS), to: new Date(Date.parse(to) + 2 * DAY_MS) }
}

/** The slot among the free ones that starts at `start`, or undefined when that time is not free. */
export function slotAt(slots: Slot[], start: Date): Slot | undefined {
  return slots.find((s) => s.start.getTime() === start.getTime())
}

/** Free slots of one bookable doctor on the dates from..to as a viewer in `timeZone` sees them; anyone not bookable (pending, rejected, deactivated) is not found. */
export async function freeSlotsOnDates(ctx: RequestContext, input: { doctorId: string; from: string; to: string; timeZone: string }) {
  const window = windowForDates(input.from, input.to)
  const [doctor, ...rows] = await ctx.db.batch([bookableDoctorStatement(ctx.db, input.doctorId), ...scheduleStatements(ctx.db, [input.doctorId], window.from, window.to, ctx.now)])
  if (doctor.length === 0) throw new NotFoundError('No such doctor.')
  const slots = freeSlotsOf(assembleSchedules(rows).get(input.doctorId), window, ctx.now)
  return slots.filter((s) => {
    const local = dateKey(wallTimeIn(s.start, input.timeZone))
    return local >= input.from && local <= input.to
  })
}

/**
 * Where an appointment can move: the doctor's free slots in a window, leaving the appointment
 * itself out (its buffer does not block its neighbours, and its own time is not offered). The
 * reschedule page offers exactly what rescheduling accepts. With the doctor's buffer, which the
 * conditional write needs; undefined when the doctor has no schedule.
 */
export async function rescheduleOptions(ctx: RequestContext, input: { doctorId: string; window: { from: Date; to: Date }; appointment: { id: string; startAt: Date } }) {
  const rows = await ctx.db.batch(scheduleStatements(ctx.db, [input.doctorId], input.window.from, input.window.to, ctx.now))
  const schedule = assembleSchedules(rows).get(input.doctorId)
  return { slots: freeSlotsOf(schedule, input.window, ctx.now, { ignoring: input.appointment }), bufferMinutes: schedule?.settings.bufferMinutes }
}
