import type { Context } from 'hono'
import { getCookie, setCookie } from 'hono/cookie'
import { isValidTimeZone } from './time'

// The zone times are shown in: one the viewer chose (?tz=, remembered in a cookie), else the one
// their browser reported (app.js sets the cookie), else the page's own default.
const COOKIE = 'mc_tz'

export function viewerTimeZone(c: Context, fallback: string): { timezone: string; chosen: boolean } {
  const asked = c.req.query('tz')
  if (asked && isValidTimeZone(asked)) {
    setCookie(c, COOKIE, asked, { path: '/', sameSite: 'Lax', secure: true, maxAge: 365 * 86_400 })
    return { timezone: asked, chosen: true }
  }
  const remembered = getCookie(c, COOKIE)
  if (remembered && isValidTimeZone(remembered)) return { timezone: remembered, chosen: true }
  return { timezone: fallback, chosen: false }
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
