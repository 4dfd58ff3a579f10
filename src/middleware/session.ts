import { deleteCookie, getCookie } from 'hono/cookie'
import { createMiddleware } from 'hono/factory'
import type { Context } from 'hono'
import type { Actor } from '../core/actor'
import type { Settings } from '../core/settings'
import type { RequestContext } from '../core/context'
import type { AppEnv } from '../env'
import { resolveSession } from '../features/auth/sessions'
import { readSessionToken } from '../features/auth/session-token'
import { clientIp, runAfterResponse, userAgent } from '../lib/request-context'

// __Host- pins the cookie to this exact origin: Secure, Path=/, no Domain, so no subdomain can
// set or read it. Chrome treats http://localhost as secure, so it works in development too.
export const SESSION_COOKIE = '__Host-mc_session'

export function bearerToken(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+([A-Za-z0-9._~+/=-]+)\s*$/i.exec(authorization ?? '')
  return match?.[1]
}

// Resolves the caller from a Bearer token (API clients) or the session cookie (pages) and builds
// the request context every service takes. Only identifies; the access-control middleware
// decides what an anonymous caller may reach.
export const session = createMiddleware<AppEnv>(async (c, next) => {
  const now = new Date()
  const bearer = bearerToken(c.req.header('authorization'))
  const cookie = bearer ? undefined : getCookie(c, SESSION_COOKIE)
  const token = bearer ?? cookie
  let signedIn: { actor: Actor; sessionId: string; settings: Settings } | undefined
  if (token) {
    const sessionId = await readSessionToken(c.env.SESSION_SECRET, token)
    const resolved = sessionId ? await resolveSession(c.var.db, sessionId, now) : undefined
    if (resolved) {
      signedIn = { actor: resolved.user, sessionId: resolved.sessionId, settings: resolved.settings }
      c.set('authenticatedBy', bearer ? 'bearer' : 'cookie')
      if (resolved.renewal) runAfterResponse(c, resolved.renewal())
    } else if (cookie) {
      // A dead cookie would be looked up again on every request; drop it.
      deleteCookie(c, SESSION_COOKIE, { path: '/', secure: true })
    }
  }
  c.set('ctx', requestContext(c, now, signedIn))
  await next()
})

function requestContext(c: Context<AppEnv>, now: Date, signedIn?: { actor: Actor; sessionId: string; settings: Settings }): RequestContext {
  return {
    db: c.var.db,
    env: c.env,
    now,
    requestId: c.var.requestId,
    ip: clientIp(c),
    userAgent: userAgent(c),
    background: (work) => runAfterResponse(c, work),
    actor: signedIn?.actor,
    sessionId: signedIn?.sessionId,
    settings: signedIn?.settings,
  }
}
