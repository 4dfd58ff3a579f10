import { addDays, DAY_MS, instantFromWallTime, isoWeekday, MINUTE_MS, wallTimeIn, zoneOffsetMinutes } from '../../lib/time'

export type AvailabilitySettings = {
  timezone: string
  slotMinutes: number
  bufferMinutes: number
  minNoticeMinutes: number
  maxAdvanceDays: number
}
export type WeeklyRule = { weekday: number; startMinute: number; endMinute: number }
export type Interval = { startAt: Date; endAt: Date }
export type Slot = { start: Date; end: Date }

type CalendarDate = { year: number; month: number; day: number }

// Free, bookable slots of one doctor between two instants. Working hours are wall-clock times in
// the doctor's zone, so every day is laid out there: a slot whose wall time does not exist (the
// hour skipped when clocks go forward) is left out, and a repeated hour (clocks go back) yields
// its slots once. Slots follow each other every slot + buffer minutes; a booked appointment
// also keeps the buffer free on both sides; time off, minimum notice and maximum advance apply.
export function findFreeSlots(input: {
  settings: AvailabilitySettings
  rules: WeeklyRule[]
  timeOff: Interval[]
  booked: Interval[]
  from: Date
  to: Date
  now: Date
  // Stop after the first day that brings the count to this many (the next free slot needs one).
  limit?: number
}): Slot[] {
  const { settings, rules, now } = input
  const earliest = Math.max(input.from.getTime(), now.getTime() + settings.minNoticeMinutes * MINUTE_MS)
  const latest = Math.min(input.to.getTime(), now.getTime() + settings.maxAdvanceDays * DAY_MS)
  if (earliest >= latest) return []
  const buffer = settings.bufferMinutes * MINUTE_MS
  const blocked = [
    ...input.timeOff.map((i) => [i.startAt.getTime(), i.endAt.getTime()] as const),
    ...input.booked.map((i) => [i.startAt.getTime() - buffer, i.endAt.getTime() + buffer] as const),
  ]
  const overlapsBlocked = (start: number, end: number) => blocked.some(([s, e]) => start < e && s < end)

  const slots: Slot[] = []
  // The doctor's local dates that can hold a slot in the range (a day either side for offsets).
  let date: CalendarDate = addDays(wallTimeIn(new Date(earliest), settings.timezone), -1)
  const lastDate = addDays(wallTimeIn(new Date(latest), settings.timezone), 1)
  const limit = input.limit ?? Infinity
  for (; compareDates(date, lastDate) <= 0 && slots.length < limit; date = addDays(date, 1)) {
    const weekday = isoWeekday(date)
    // A day's ranges never overlap (the practice form refuses that), so taken in order they give
    // slots in time order, and a limited search (the next free slot) stops at the limit instead of
    // walking a dense day to its end.
    const dayRules = rules.filter((r) => r.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute)
    if (dayRules.length === 0) continue
    const instantOf = wallClockResolver(date, settings.timezone)
    for (const rule of dayRules) {
      for (let minute = rule.startMinute; minute + settings.slotMinutes <= rule.endMinute; minute += settings.slotMinutes + settings.bufferMinutes) {
        const start = instantOf(minute)
        if (start === undefined) continue
        const end = start + settings.slotMinutes * MINUTE_MS
        if (start < earliest || start >= latest || overlapsBlocked(start, end)) continue
        slots.push({ start: new Date(start), end: new Date(end) })
        if (slots.length >= limit) break
      }
      if (slots.length >= limit) break
    }
  }
  // Ordered and unique: a repeated hour or overlapping rules must not list one instant twice.
  return slots
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .filter((slot, i, all) => i === 0 || all[i - 1]!.start.getTime() !== slot.start.getTime())
    .slice(0, input.limit)
}

// Turns minutes of one local date into instants. Almost every day has a single offset from
// midnight to midnight (the offsets a day either side agree, and zones change at most twice a
// year), so its slots need no time-zone lookups; a day with a DST change checks each one.
function wallClockResolver(date: CalendarDate, timeZone: string): (minuteOfDay: number) => number | undefined {
  const midnight = Date.UTC(date.year, date.month - 1, date.day)
  const before = zoneOffsetMinutes(new Date(midnight - DAY_MS), timeZone)
  const after = zoneOffsetMinutes(new Date(midnight + 2 * DAY_MS), timeZone)
  if (before === after) return (minute) => midnight + (minute - before) * MINUTE_MS
  return (minute) => wallClockInstant(date, minute, timeZone)
}

// The instant a wall-clock time names in a zone, or undefined when that time never happens there.
function wallClockInstant(date: CalendarDate, minuteOfDay: number, timeZone: string): number | undefined {
  const instant = instantFromWallTime(date, minuteOfDay, timeZone)
  const shown = wallTimeIn(instant, timeZone)
  const sameDay = shown.year === date.year && shown.month === date.month && shown.day === date.day
  return sameDay && shown.hour * 60 + shown.minute === minuteOfDay ? instant.getTime() : undefined
}

function compareDates(a: CalendarDate, b: CalendarDate): number {
  return a.year - b.year || a.month - b.month || a.day - b.day
}
