import { requireActor, type RequestContext } from '../../core/context'
import { deliverDueSms, smsConfigured } from '../../core/notices/sms'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { ConflictError, ValidationError } from '../../lib/errors'
import { sha256Hex } from '../../lib/hash'
import { MINUTE_MS } from '../../lib/time'
import { enforceRateLimit } from '../../middleware/rate-limit'
import { attemptPhoneCodeStatement, confirmPhoneStatements, startPhoneVerificationStatements } from './queries'

const CODE_TTL_MS = 10 * MINUTE_MS
const MAX_CODE_ATTEMPTS = 5

/** A number as E.164 ("+447700900123"), from what a person typed ("+44 7700 900-123"); undefined if it is not one. */
export function toE164(typed: string): string | undefined {
  const compact = typed.trim().replace(/[\s().-]/g, '')
  const e164 = compact.startsWith('00') ? `+${compact.slice(2)}` : compact
  return /^\+[1-9]\d{7,14}$/.test(e164) ? e164 : undefined
}

const codeHash = (userId: string, code: string) => sha256Hex(`${userId}:${code}`)

/** Texts a 6-digit code to a number the caller wants messages at; the number is theirs once they enter it. */
export async function startPhoneVerification(ctx: RequestContext, typed: string) {
  const actor = requireActor(ctx)
  const phone = toE164(typed)
  if (!phone) throw new ValidationError({ phone: 'must be a mobile number with its country code, like +44 7700 900123' })
  await enforceRateLimit(ctx.env, 'phone-code-user', actor.id, LIMITS.phoneCodeUser)
  const code = String(crypto.getRandomValues(new Uint32Array(1))[0]! % 1_000_000).padStart(6, '0')
  await ctx.db.batch(
    startPhoneVerificationStatements(ctx.db, {
      userId: actor.id,
      phone,
      codeHash: await codeHash(actor.id, code),
      expiresAt: new Date(ctx.now.getTime() + CODE_TTL_MS),
      text: `MediConnect: your code is ${code}. It works for 10 minutes. If you did not ask for it, ignore this message.`,
      now: ctx.now,
    }),
  )
  if (smsConfigured(ctx.env)) ctx.background(deliverDueSms(ctx.env, ctx.db, new Date()))
  return phone
}

/** Checks the code (5 tries, 10 minutes); a right one makes the number the caller's, verified. */
export async function confirmPhone(ctx: RequestContext, code: string) {
  const actor = requireActor(ctx)
  const [pending] = await attemptPhoneCodeStatement(ctx.db, actor.id, ctx.now)
  if (!pending) throw new ConflictError('There is no code waiting; ask for a new one.', 'no_code')
  if (pending.attempts > MAX_CODE_ATTEMPTS) throw new ConflictError('Too many wrong codes; ask for a new one.', 'no_code')
  if (!/^\d{6}$/.test(code) || (await codeHash(actor.id, code)) !== pending.codeHash) throw new ValidationError({ code: 'is not the code we sent' })
  await ctx.db.batch(confirmPhoneStatements(ctx.db, actor.id, pending.phone, ctx.now))
  return pending.phone
}
