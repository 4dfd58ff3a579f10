import type { Context } from 'hono'
import { deleteCookie, getCookie, setCookie } from 'hono/cookie'
import { SESSION_COOKIE } from '../../middleware/session'
import { DEVICE_COOKIE_DAYS } from './session-token'

// HttpOnly (no script can read it), Secure and __Host- (this origin only), SameSite=Lax (not
// sent on cross-site POSTs), and no longer-lived than the session itself.
export function setSessionCookie(c: Context, token: string, expiresAt: Date) {
  setCookie(c, SESSION_COOKIE, token, {
    path: '/',
    secure: true,
    httpOnly: true,
    sameSite: 'Lax',
    expires: expiresAt,
  })
}

// Signing out (or resetting the password) also clears what this browser kept of the session:
// cached pages and anything scripts stored (form drafts in sessionStorage).
export function clearSessionCookie(c: Context) {
  deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true })
  c.header('Clear-Site-Data', '"cache", "storage"')
}

// The device cookie: this browser signed in to an account before (session-token.ts). Kept across
// sign-outs (it grants nothing by itself), HttpOnly and this origin only like the session's.
const DEVICE_COOKIE = '__Host-mc_device'

export function knownDeviceOf(c: Context): string | undefined {
  return getCookie(c, DEVICE_COOKIE)
}

export function setDeviceCookie(c: Context, token: string) {
  setCookie(c, DEVICE_COOKIE, token, { path: '/', secure: true, httpOnly: true, sameSite: 'Lax', maxAge: DEVICE_COOKIE_DAYS * 86_400 })
}
