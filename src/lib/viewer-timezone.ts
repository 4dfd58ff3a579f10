import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { isValidTimeZone } from './time'

// The reader's zone, which every time on a page is shown in (and named): one they chose on a
// page (?tz=, remembered in a cookie), else their own (a patient's profile zone, a doctor's
// schedule zone), else the one their device reports (app.js keeps it in a cookie), else the
// page's own default (the doctor's zone on a doctor's page, UTC elsewhere).
const CHOSEN = 'mc_tz'
export const DEVICE_ZONE_COOKIE = 'mc_device_tz'

export function viewerTimeZone(c: Context, fallback: string): { timezone: string; chosen: boolean } {
  const asked = c.req.query('tz')
  if (asked && isValidTimeZone(asked)) {
    setCookie(c, CHOSEN, asked, { path: '/', sameSite: 'Lax', secure: true, maxAge: 365 * 86_400 })
    return { timezone: asked, chosen: true }
  }
  const remembered = getCookie(c, CHOSEN)
  if (remembered && isValidTimeZone(remembered)) return { timezone: remembered, chosen: true }
  const own = (c.var as { ctx?: { actor?: { timezone?: string | null } } }).ctx?.actor?.timezone
  if (own && isValidTimeZone(own)) return { timezone: own, chosen: true }
  const device = deviceTimeZone(c)
  return device ? { timezone: device, chosen: false } : { timezone: fallback, chosen: false }
}

/** The zone the person's device reported, if any (for a new account's profile). */
export function deviceTimeZone(c: Context): string | undefined {
  const device = getCookie(c, DEVICE_ZONE_COOKIE)
  return device && isValidTimeZone(device) ? device : undefined
}

// The zones offered in the "show times in" picker, besides the current one.
export const COMMON_TIME_ZONES = [
  'UTC',
  'Europe/London',
  'Europe/Lisbon',
  'Europe/Berlin',
  'Europe/Paris',
  'Europe/Madrid',
  'Europe/Athens',
  'Europe/Istanbul',
  'Africa/Lagos',
  'Africa/Nairobi',
  'Africa/Johannesburg',
  'Asia/Dubai',
  'Asia/Kolkata',
  'Asia/Singapore',
  'Asia/Tokyo',
  'Australia/Sydney',
  'America/Sao_Paulo',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Los_Angeles',
]
