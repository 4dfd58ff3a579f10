import { getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { ForbiddenError } from '../lib/errors'
import { bearerToken, SESSION_COOKIE } from './session'

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS'])

// CSRF defence for cookie-carried sessions, on top of SameSite=Lax: an unsafe request must come
// from our own origin. Browsers send Origin with every cross-site POST, so a request whose Origin
// is foreign is refused, which also stops "login CSRF" on the sign-in forms. A request with no
// Origin at all is a non-browser client: allowed only when it carries no session cookie (Bearer
// calls and anonymous API calls from apps are exempt, as docs/api.md says).
//
// A WebSocket upgrade is a GET, but the socket it opens acts for the user, and browsers let any
// site open one with our cookies (cross-site WebSocket hijacking): upgrades are checked too.
export const csrf = createMiddleware<AppEnv>(async (c, next) => {
  const upgrade = c.req.header('upgrade')?.toLowerCase() === 'websocket'
  if ((SAFE_METHODS.has(c.req.method) && !upgrade) || bearerToken(c.req.header('authorization'))) return next()
  const origin = c.req.header('origin')
  if (origin === undefined) {
    if (getCookie(c, SESSION_COOKIE) !== undefined) throw csrfRefusal()
    return next()
  }
  const allowed = new Set([new URL(c.req.url).origin, new URL(c.env.APP_ORIGIN).origin])
  if (!allowed.has(origin)) throw csrfRefusal()
  return next()
})

function csrfRefusal() {
  return new ForbiddenError('This request did not come from a MediConnect page, so it was refused.')
}
