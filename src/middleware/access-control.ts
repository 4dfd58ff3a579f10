import { createMiddleware } from 'hono/factory'
import { matchedRoutes } from 'hono/route'
import type { Context } from 'hono'
import type { AdminRole, Role } from '../db/schema/enums'
import type { AppEnv } from '../env'
import { isApiRequest } from '../lib/api-path'
import { ForbiddenError, UnauthorizedError } from '../lib/errors'

// The only routes an anonymous caller may reach. Every other route needs a live session: deny by
// default, so a route added without thought is closed, not open. test/app/access.http.test.ts
// walks every registered route and holds this list to account.
export const PUBLIC_ROUTES: ReadonlySet<string> = new Set([
  'GET /',
  'GET /api/v1/health',
  'GET /api/v1/health/live',
  // Identity: the ways in, and the email links that must work before signing in.
  'GET /login',
  'POST /login',
  'GET /register',
  'POST /register',
  'GET /register/doctor',
  'POST /register/doctor',
  'GET /forgot-password',
  'POST /forgot-password',
  'GET /reset-password',
  'POST /reset-password',
  'GET /verify-email',
  // Leaving a kind of email from the link in one (signed for its person and kind).
  'GET /unsubscribe',
  'POST /unsubscribe',
  // Signing out needs no session: an expired one still ends on the home page.
  'POST /logout',
  'POST /api/v1/auth/register/patient',
  'POST /api/v1/auth/register/doctor',
  'POST /api/v1/auth/login',
  'POST /api/v1/auth/email/verify',
  'POST /api/v1/auth/password/forgot',
  'POST /api/v1/auth/password/reset',
  'POST /api/v1/auth/passkeys/login/options',
  'POST /api/v1/auth/passkeys/login/verify',
  'GET /api/v1/specialties',
  // Stripe's webhooks: it cannot sign in; each event must carry Stripe's signature.
  'POST /api/v1/payments/webhook',
  // Twilio's delivery reports: it cannot sign in; the request must carry Twilio's signature.
  'POST /api/v1/sms/status',
  // A private calendar feed: calendar apps cannot sign in, so the secret in the address is the key.
  'GET /calendar/:file{[A-Za-z0-9_-]+\\.ics}',
  // A waitlist offer's one-tap link: signed for its patient, it books without signing in.
  'GET /offers/:token',
  // Finding a doctor and a time needs no account.
  'GET /api/v1/doctors',
  'GET /api/v1/doctors/:id',
  'GET /api/v1/doctors/:id/slots',
  'GET /doctors',
  'GET /doctors/:id',
  // A doctor's published reviews (reporting one needs an account).
  'GET /api/v1/doctors/:id/reviews',
  'GET /doctors/:id/reviews',
  // Development only: the routes themselves answer 404 outside development and tests.
  'GET /dev/outbox',
  'GET /dev/design',
  'GET /dev/outbox/latest.json',
])

// The route that will answer this request ("METHOD /path/:param"), or undefined for a 404.
export function endpointOf(c: Context): string | undefined {
  const routes = matchedRoutes(c).filter((r) => r.method !== 'ALL')
  const route = routes[routes.length - 1]
  return route ? `${route.method} ${route.path}` : undefined
}

export const accessControl = createMiddleware<AppEnv>(async (c, next) => {
  if (c.var.ctx.actor) return next()
  const method = c.req.method === 'HEAD' ? 'GET' : c.req.method
  const endpoint = endpointOf(c)?.replace(/^HEAD /, 'GET ')
  if (endpoint === undefined || PUBLIC_ROUTES.has(endpoint)) return next()
  // A person opening a page is sent to sign in and brought back afterwards.
  if (!isApiRequest(c) && method === 'GET') {
    const here = new URL(c.req.url)
    return c.redirect(`/login?next=${encodeURIComponent(here.pathname + here.search)}`, 303)
  }
  throw new UnauthorizedError()
})

type Allowed = Role | `admin:${AdminRole}`

// Narrows a router to roles. "doctor" means a verified doctor: a pending or rejected applicant
// can sign in but cannot act as a doctor. "admin" is any admin; "admin:super" one sub-role.
export function requireRole(...allowed: Allowed[]) {
  return createMiddleware<AppEnv>(async (c, next) => {
    const user = c.var.ctx.actor
    if (!user) throw new UnauthorizedError()
    const ok = allowed.some((a) => {
      if (a === 'doctor') return user.role === 'doctor' && user.doctorId !== null
      if (a.startsWith('admin:')) return user.role === 'admin' && `admin:${user.adminRole}` === a
      return user.role === a
    })
    if (!ok) {
      if (user.role === 'doctor' && user.doctorId === null && allowed.includes('doctor')) {
        throw new ForbiddenError('Your doctor account is not verified yet, so this is not available.')
      }
      throw new ForbiddenError()
    }
    return next()
  })
}
