import { wallTimeIn } from './time'

// Dates, times and money as people read them. Every time shown is in a named zone; "en-GB"
// gives "Tuesday 16 March 2027", hour12 gives "9:30 am" → normalised to "9:30 AM".
const cache = new Map<string, Intl.DateTimeFormat>()

function fmt(timeZone: string, options: Intl.DateTimeFormatOptions) {
  const key = `${timeZone}|${JSON.stringify(options)}`
  let f = cache.get(key)
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', { timeZone, ...options })
    cache.set(key, f)
  }
  return f
}

// "Tuesday 16 March 2027"
export function formatDay(instant: Date, timeZone: string): string {
  return fmt(timeZone, { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric' }).format(instant).replace(',', '')
}

// "Tue 16 Mar"
export function formatShortDay(instant: Date, timeZone: string): string {
  return fmt(timeZone, { weekday: 'short', day: 'numeric', month: 'short' }).format(instant).replace(',', '')
}

// "9:30 AM"
export function formatTime(instant: Date, timeZone: string): string {
  return fmt(timeZone, { hour: 'numeric', minute: '2-digit', hour12: true }).format(instant).replace(/\s?(am|pm)$/i, (m) => ` ${m.trim().toUpperCase()}`)
}

// "Tuesday 16 March 2027, 9:30 AM"
export function formatDateTime(instant: Date, timeZone: string): string {
  return `${formatDay(instant, timeZone)}, ${formatTime(instant, timeZone)}`
}

// "2027-03-16": the calendar date of an instant in a zone.
export function localDate(instant: Date, timeZone: string): string {
  return fmt(timeZone, { year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant).split('/').reverse().join('-')
}

// "€45.00", "$120.00"
export function formatMoney(cents: number, currency: string): string {
  try {
    return new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(cents / 100)
  } catch {
    return `${(cents / 100).toFixed(2)} ${currency}`
  }
}

export const CONSULTATION_LABELS = { video: 'Video call', chat: 'Chat', in_person: 'In person' } as const

// What a subscription plan may add (PLAN_FEATURES), as doctors and admins read it.
export const PLAN_FEATURE_LABELS: Record<string, string> = { featured_listing: 'Featured in search (listed first by default, marked “Featured”)' }

// "24–26 December 2026", "30 December 2026 – 2 January 2027", "24 December 2026": a span of whole
// days in a zone (from a midnight to the midnight after the last day), as dates; undefined when
// the span does not start and end at midnight there.
export function formatWholeDays(start: Date, end: Date, timeZone: string): string | undefined {
  const atMidnight = (d: Date) => {
    const w = wallTimeIn(d, timeZone)
    return w.hour === 0 && w.minute === 0 && w.second === 0
  }
  if (!atMidnight(start) || !atMidnight(end) || end <= start) return undefined
  const last = new Date(end.getTime() - 1)
  const first = wallTimeIn(start, timeZone)
  const final = wallTimeIn(last, timeZone)
  const date = (d: Date, options: Intl.DateTimeFormatOptions) => fmt(timeZone, options).format(d)
  if (first.year === final.year && first.month === final.month && first.day === final.day) return date(start, { day: 'numeric', month: 'long', year: 'numeric' })
  if (first.year === final.year && first.month === final.month) return `${first.day}–${date(last, { day: 'numeric', month: 'long', year: 'numeric' })}`
  if (first.year === final.year) return `${date(start, { day: 'numeric', month: 'long' })} – ${date(last, { day: 'numeric', month: 'long', year: 'numeric' })}`
  return `${date(start, { day: 'numeric', month: 'long', year: 'numeric' })} – ${date(last, { day: 'numeric', month: 'long', year: 'numeric' })}`
}

// "1988-09-14" (a calendar date, no zone) → "14 September 1988".
export function formatIsoDate(date: string): string {
  const [year, month, day] = date.split('-').map(Number)
  if (!year || !month || !day) return date
  return fmt('UTC', { day: 'numeric', month: 'long', year: 'numeric' }).format(new Date(Date.UTC(year, month - 1, day)))
}

// "prefer_not_to_say" → "Prefer not to say": a stored code as words.
export const sentenceCase = (code: string) => code.charAt(0).toUpperCase() + code.slice(1).replace(/_/g, ' ')
