// Wall-clock time in IANA zones with nothing but Intl, so it runs in workerd and Node alike.

export const MINUTE_MS = 60_000
export const HOUR_MS = 60 * MINUTE_MS
export const DAY_MS = 24 * HOUR_MS
const formatters = new Map<string, Intl.DateTimeFormat>()

function formatter(timeZone: string) {
  let f = formatters.get(timeZone)
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
    formatters.set(timeZone, f)
  }
  return f
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatter(timeZone)
    return true
  } catch {
    return false
  }
}

export type WallTime = { year: number; month: number; day: number; hour: number; minute: number; second: number }

export function wallTimeIn(instant: Date, timeZone: string): WallTime {
  const parts: Record<string, number> = {}
  for (const p of formatter(timeZone).formatToParts(instant)) {
    if (p.type !== 'literal') parts[p.type] = Number(p.value)
  }
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  }
}

// Offset of the zone from UTC at that instant, in minutes (Berlin in summer: +120).
export function zoneOffsetMinutes(instant: Date, timeZone: string): number {
  const w = wallTimeIn(instant, timeZone)
  const asUtc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second)
  return Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000)
}

// The instant at which the zone's clocks show the given wall time. A time skipped by a DST jump
// forward resolves to the instant just after the gap (02:30 becomes 03:30); a repeated one to its
// first occurrence. The zone's offsets a day either side are the only two it can have on that day.
export function instantFromWallTime(
  date: { year: number; month: number; day: number },
  minuteOfDay: number,
  timeZone: string,
): Date {
  const naive = Date.UTC(date.year, date.month - 1, date.day, 0, minuteOfDay)
  const day = 24 * 60 * 60_000
  const candidates = [
    naive - zoneOffsetMinutes(new Date(naive - day), timeZone) * 60_000,
    naive - zoneOffsetMinutes(new Date(naive + day), timeZone) * 60_000,
  ].sort((a, b) => a - b)
  const matching = candidates.find((c) => {
    const w = wallTimeIn(new Date(c), timeZone)
    return Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute) === naive
  })
  return new Date(matching ?? candidates[1]!)
}

// ISO weekday (Monday = 1 … Sunday = 7) of a calendar date.
export function isoWeekday(date: { year: number; month: number; day: number }): number {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay()
  return d === 0 ? 7 : d
}

export function addDays(date: { year: number; month: number; day: number }, days: number) {
  const d = new Date(Date.UTC(date.year, date.month - 1, date.day + days))
  return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, day: d.getUTCDate() }
}

// ISO 8601 UTC with Z and no milliseconds, as docs/api.md fixes ("2027-03-14T14:30:00Z").
export function toIsoInstant(instant: Date): string {
  return instant.toISOString().replace(/\.\d{3}Z$/, 'Z')
}

// "2027-03-14" ⇄ { year, month, day }
export function dateKey(d: { year: number; month: number; day: number }): string {
  return `${d.year}-${String(d.month).padStart(2, '0')}-${String(d.day).padStart(2, '0')}`
}

export function parseDateKey(key: string): { year: number; month: number; day: number } {
  const [year, month, day] = key.split('-').map(Number) as [number, number, number]
  return { year, month, day }
}

// `count` calendar days from `from` in a zone: their keys and the instants that bound them.
export function daysWindow(from: string, count: number, timeZone: string) {
  const start = parseDateKey(from)
  const end = addDays(start, count)
  return {
    days: Array.from({ length: count }, (_, i) => dateKey(addDays(start, i))),
    from: instantFromWallTime(start, 0, timeZone),
    to: instantFromWallTime(end, 0, timeZone),
    next: dateKey(end),
    previous: dateKey(addDays(start, -count)),
  }
}
