import type { Db } from '../db/client'
import type { Bindings } from '../env'
import { ForbiddenError, UnauthorizedError } from '../lib/errors'
import { parseKeyRing, type KeyRing } from '../lib/field-crypto'
import type { Actor } from './actor'
import type { Settings } from './settings'

// What every service verb gets from the request, built once per request by the session
// middleware (middleware/session.ts): the database, configuration, the request's clock and
// origin, a way to finish work after the response, and who is asking.
export type RequestContext = {
  db: Db
  env: Bindings
  // One clock per request: every rule a request applies sees the same instant.
  now: Date
  requestId: string
  ip: string | null
  userAgent: string | null
  // Runs work (emails, audit entries, room notices) after the response without losing it.
  background: (work: Promise<unknown>) => void
  // Absent for anonymous callers; public routes are the only ones that see that.
  actor?: Actor
  sessionId?: string
  // The platform settings, read with the session (absent without one: see settingsOf).
  settings?: Settings
}

/** The signed-in actor, or 401: for services that only signed-in callers reach. */
export function requireActor(ctx: RequestContext): Actor {
  if (!ctx.actor) throw new UnauthorizedError()
  return ctx.actor
}

/** The verified doctor the actor acts as (their doctor id), or 403. */
export function requireDoctor(ctx: RequestContext): Actor & { doctorId: string } {
  const actor = requireActor(ctx)
  if (!actor.doctorId) throw new ForbiddenError('Only a verified doctor may do this.')
  return actor as Actor & { doctorId: string }
}

/** The actor, if a super admin (platform-wide changes: settings, specialties, clinics, admins); else 403. */
export function requireSuperAdmin(ctx: RequestContext, refusal = 'Only a super admin may do this.'): Actor {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin' || actor.adminRole !== 'super') throw new ForbiddenError(refusal)
  return actor
}

/** The keys that seal medical fields and second-factor secrets (parsed once per configuration). */
export function keyRingOf(ctx: Pick<RequestContext, 'env'>): KeyRing {
  return parseKeyRing(ctx.env.ENCRYPTION_KEYS)
}

/** Where a request came from, as audit entries record it. */
export function requestOrigin(ctx: Pick<RequestContext, 'ip' | 'userAgent' | 'requestId'>) {
  return { ip: ctx.ip, userAgent: ctx.userAgent, requestId: ctx.requestId }
}

/**
 * A context for work that no HTTP request carries (a Durable Object acting for a socket's
 * member, a cron job): the same shape, so the same services serve it.
 */
export function contextOutsideRequest(input: {
  db: Db
  env: Bindings
  requestId: string
  background: (work: Promise<unknown>) => void
  actor?: Actor
  now?: Date
}): RequestContext {
  return { ip: null, userAgent: null, now: input.now ?? new Date(), ...input }
}
