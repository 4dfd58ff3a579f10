import { and, inArray, isNull } from 'drizzle-orm'
import { sessions, users } from '../../../db/schema'
import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { enforceRateLimit } from '../../../middleware/rate-limit'
import { auditStatement } from '../../../core/audit'
import { BadRequestError, UnauthorizedError } from '../../../lib/errors'
import { hashPassword } from '../../../lib/password'
import { requestOrigin, type RequestContext } from '../../../core/context'
import { newEmailToken, PASSWORD_SETTING_PURPOSES, spendEmailToken } from '../email-tokens'
import { sendPasswordResetEmail, sendVerificationEmail } from '../notify'
import { findUserForLogin } from '../user-queries'

function linkNotValid() {
  return new BadRequestError('This link is not valid any more. Links work once and expire; ask for a new one.')
}

export async function verifyEmail(ctx: RequestContext, token: string) {
  const now = new Date()
  const spend = await spendEmailToken(ctx.db, 'verify_email', token, now)
  const [spent] = await ctx.db.batch([
    spend.statement,
    ctx.db
      .update(users)
      .set({ emailVerifiedAt: now })
      .where(and(inArray(users.id, spend.owner), isNull(users.emailVerifiedAt))),
  ])
  if (spent.length === 0) throw linkNotValid()
}

// Answers the same whether or not the account exists (API.md: 202 either way), so the form
// cannot be used to find out who has an account.
export async function requestPasswordReset(ctx: RequestContext, email: string) {
  await enforceRateLimit(ctx.env, 'forgot-account', email, LIMITS.forgotAccount)
  const user = await findUserForLogin(ctx.db, email)
  if (!user || user.status !== 'active') return
  const now = new Date()
  const reset = await newEmailToken(ctx.db, user.id, 'reset_password', now)
  await reset.statement
  await sendPasswordResetEmail(ctx, user, reset.token)
}

// The new password, the spent token and the end of every session go out in one batch, so a reset
// either happens completely (and throws out whoever else was signed in) or not at all. A reset or
// invitation link arrived by email, so using it also confirms the address.
export async function resetPassword(ctx: RequestContext, token: string, password: string) {
  const now = new Date()
  const passwordHash = await hashPassword(password)
  const spend = await spendEmailToken(ctx.db, PASSWORD_SETTING_PURPOSES, token, now)
  const [spent] = await ctx.db.batch([
    spend.statement,
    ctx.db.update(users).set({ passwordHash, updatedAt: now }).where(inArray(users.id, spend.owner)),
    ctx.db.update(users).set({ emailVerifiedAt: now }).where(and(inArray(users.id, spend.owner), isNull(users.emailVerifiedAt))),
    ctx.db
      .update(sessions)
      .set({ revokedAt: now, revokedReason: 'password_reset' })
      .where(and(inArray(sessions.userId, spend.owner), isNull(sessions.revokedAt))),
  ])
  const userId = spent[0]?.userId
  if (!userId) throw linkNotValid()
  ctx.background(
    auditStatement(ctx.db, {
      action: 'auth.password.reset',
      actorUserId: userId,
      entityType: 'user',
      entityId: userId,
      ...requestOrigin(ctx),
    }).execute(),
  )
  return userId
}

// A fresh confirmation link for the signed-in person (the first may have expired or been lost).
export async function resendVerificationEmail(ctx: RequestContext) {
  const user = ctx.actor
  if (!user) throw new UnauthorizedError()
  if (user.emailVerifiedAt) return
  await enforceRateLimit(ctx.env, 'verify-resend', user.id, LIMITS.forgotAccount)
  const verification = await newEmailToken(ctx.db, user.id, 'verify_email', new Date())
  await verification.statement
  await sendVerificationEmail(ctx, user, verification.token)
}
