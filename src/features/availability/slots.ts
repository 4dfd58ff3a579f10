import { addDays, instantFromWallTime, isoWeekday, wallTimeIn } from '../../lib/time'

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

const MINUTE = 60_000

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
}): Slot[] {
  const { settings, rules, now } = input
  const earliest = Math.max(input.from.getTime(), now.getTime() + settings.minNoticeMinutes * MINUTE)
  const latest = Math.min(input.to.getTime(), now.getTime() + settings.maxAdvanceDays * 24 * 60 * MINUTE)
  if (earliest >= latest) return []
  const buffer = settings.bufferMinutes * MINUTE
  const blocked = [
    ...input.timeOff.map((i) => [i.startAt.getTime(), i.endAt.getTime()] as const),
    ...input.booked.map((i) => [i.startAt.getTime() - buffer, i.endAt.getTime() + buffer] as const),
  ]
  const overlapsBlocked = (start: number, end: number) => blocked.some(([s, e]) => start < e && s < end)

  const slots: Slot[] = []
  // The doctor's local dates that can hold a slot in the range (a day either side for offsets).
  let date: CalendarDate = addDays(wallTimeIn(new Date(earliest), settings.timezone), -1)
  const lastDate = addDays(wallTimeIn(new Date(latest), settings.timezone), 1)
  for (; compareDates(date, lastDate) <= 0; date = addDays(date, 1)) {
    const weekday = isoWeekday(date)
    for (const rule of rules.filter((r) => r.weekday === weekday).sort((a, b) => a.startMinute - b.startMinute)) {
      for (let minute = rule.startMinute; minute + settings.slotMinutes <= rule.endMinute; minute += settings.slotMinutes + settings.bufferMinutes) {
        const start = wallClockInstant(date, minute, settings.timezone)
        if (start === undefined) continue
        const end = start + settings.slotMinutes * MINUTE
        if (start < earliest || start >= latest || overlapsBlocked(start, end)) continue
        slots.push({ start: new Date(start), end: new Date(end) })
      }
    }
  }
  // Ordered and unique: a repeated hour or overlapping rules must not list one instant twice.
  return slots
    .sort((a, b) => a.start.getTime() - b.start.getTime())
    .filter((slot, i, all) => i === 0 || all[i - 1]!.start.getTime() !== slot.start.getTime())
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
