import type { Context } from 'hono'

// An iCalendar (RFC 5545) event for one appointment, for calendar apps and email attachments.
const stamp = (d: Date) => d.toISOString().replace(/[-:]/g, '').replace(/\.\d{3}/, '')

// Text values escape backslash, semicolon, comma and every line break (CRLF, CR or LF); other
// control characters have no place in a calendar line and are dropped. Long lines fold at 75 octets.
function escapeText(text: string) {
  return text
    .replace(/\\/g, '\\\\')
    .replace(/;/g, '\\;')
    .replace(/,/g, '\\,')
    .replace(/\r\n|\r|\n/g, '\\n')
    .replace(/[\u0000-\u001f\u007f]/g, '')
}

function fold(line: string) {
  const bytes = new TextEncoder().encode(line)
  if (bytes.length <= 75) return line
  const parts: string[] = []
  let current = ''
  for (const ch of line) {
    if (new TextEncoder().encode(current + ch).length > (parts.length ? 74 : 75)) {
      parts.push(current)
      current = ''
    }
    current += ch
  }
  parts.push(current)
  return parts.join('\r\n ')
}

export type CalendarEvent = {
  id: string
  start: Date
  end: Date
  summary: string
  description: string
  url: string
  status: 'pending' | 'confirmed' | 'rejected' | 'cancelled' | 'completed' | 'no_show'
  updatedAt: Date
  domain: string
  // Where an in-person visit takes place.
  location?: string
}

const isCancelled = (event: CalendarEvent) => event.status === 'cancelled' || event.status === 'rejected'

function eventLines(event: CalendarEvent): string[] {
  return [
    'BEGIN:VEVENT',
    `UID:${event.id}@${event.domain}`,
    `DTSTAMP:${stamp(event.updatedAt)}`,
    `SEQUENCE:${Math.floor(event.updatedAt.getTime() / 1000)}`,
    `DTSTART:${stamp(event.start)}`,
    `DTEND:${stamp(event.end)}`,
    `SUMMARY:${escapeText(event.summary)}`,
    `DESCRIPTION:${escapeText(event.description)}`,
    ...(event.location ? [`LOCATION:${escapeText(event.location)}`] : []),
    `URL:${event.url}`,
    `STATUS:${isCancelled(event) ? 'CANCELLED' : event.status === 'pending' ? 'TENTATIVE' : 'CONFIRMED'}`,
    'END:VEVENT',
  ]
}

function calendar(head: string[], events: CalendarEvent[]): string {
  const lines = ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//MediConnect//Appointments//EN', 'CALSCALE:GREGORIAN', ...head, ...events.flatMap(eventLines), 'END:VCALENDAR']
  return `${lines.map(fold).join('\r\n')}\r\n`
}

/** One appointment as a file to open or attach: published, or a cancellation of what was sent. */
export function appointmentIcs(event: CalendarEvent): string {
  return calendar([`METHOD:${isCancelled(event) ? 'CANCEL' : 'PUBLISH'}`], [event])
}

/**
 * A subscribed feed (RFC 5545 with RFC 7986's NAME and REFRESH-INTERVAL): the person's
 * appointments, refreshed hourly by calendar apps. Cancelled ones stay, marked, so a calendar
 * that already holds them updates instead of keeping a stale entry.
 */
export function feedIcs(name: string, events: CalendarEvent[]): string {
  return calendar([`NAME:${escapeText(name)}`, `X-WR-CALNAME:${escapeText(name)}`, 'REFRESH-INTERVAL;VALUE=DURATION:PT1H', 'X-PUBLISHED-TTL:PT1H'], events)
}

/** A calendar as a download (a file) or as a subscribed feed (inline), never cached on the way. */
export function icsResponse(c: Context, ics: string, disposition: 'attachment' | 'inline' = 'attachment') {
  return c.body(ics, 200, {
    'Content-Type': 'text/calendar; charset=utf-8',
    'Content-Disposition': `${disposition}; filename="${disposition === 'attachment' ? 'appointment' : 'mediconnect'}.ics"`,
    'Cache-Control': 'private, no-store',
  })
}
