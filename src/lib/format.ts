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
