import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { enforceRateLimit } from '../../../middleware/rate-limit'
import { auditStatement } from '../../../core/audit'
import { BadRequestError } from '../../../lib/errors'
import { hashPassword } from '../../../lib/password'
import { requestOrigin, requireActor, type RequestContext } from '../../../core/context'
import { newEmailToken, PASSWORD_SETTING_PURPOSES, retirePasswordLinks, spendEmailToken } from '../email-token-queries'
import { sendPasswordResetEmail, sendVerificationEmail } from '../notify'
import { announceSessionsEnded } from '../sessions-ended'
import { applyEmailChange, confirmEmailOf, findUserForLogin, setPasswordOf } from '../user-queries'
import { isUniqueViolation } from '../../../db/errors'

function linkNotValid() {
  return new BadRequestError('This link is not valid any more. Links work once and expire; ask for a new one.')
}

/**
 * Confirms an address with the link sent to it: a new account's, or a new address the account
 * moves to (account.ts); a link works once and expires. Says which it was.
 */
export async function verifyEmail(ctx: RequestContext, token: string): Promise<'confirmed' | 'changed'> {
  // One batch for either kind: the token is spent, the address confirmed, and a change-of-address
  // link moves the account to its new address; spent only if that address could be taken
  // (another account may have taken it meanwhile).
  const spend = await spendEmailToken(ctx.db, ['verify_email', 'change_email'], token, ctx.now)
  const [spent, , changed] = await ctx.db
    .batch([spend.statement, confirmEmailOf(ctx.db, spend.owner, ctx.now), applyEmailChange(ctx.db, spend.tokenHash, ctx.now)])
    .catch((err: unknown) => {
      if (isUniqueViolation(err)) throw new BadRequestError('That address is now used by another account, so it cannot be yours. Ask for the change again with another address.')
      throw err
    })
  if (spent.length === 0) throw linkNotValid()
  const moved = changed[0]
  if (!moved) return 'confirmed'
  // The link may be opened signed out: the account's owner is the actor.
  await auditStatement(ctx.db, { action: 'account.email_changed', actorUserId: moved.id, entityType: 'user', entityId: moved.id, subjectUserId: moved.id, ...requestOrigin(ctx) })
  return 'changed'
}

/**
 * Emails a reset link. Answers the same whether or not the account exists (docs/api.md: 202
 * either way), so the form cannot be used to find out who has an account.
 */
export async function requestPasswordReset(ctx: RequestContext, email: string) {
  await enforceRateLimit(ctx.env, 'forgot-account', email, LIMITS.forgotAccount)
  const user = await findUserForLogin(ctx.db, email)
  if (!user || user.status !== 'active') return
  const reset = await newEmailToken(ctx.db, user.id, 'reset_password', ctx.now)
  // Only the newest link works: the ones sent before are retired with it.
  await ctx.db.batch([retirePasswordLinks(ctx.db, user.id, ctx.now), reset.statement])
  await sendPasswordResetEmail(ctx, user, reset.token)
}

/**
 * Sets a new password from a reset or invitation link. The password, the spent token and the end
 * of every session go out in one batch, so a reset either happens completely (and throws out
 * whoever else was signed in) or not at all. The link arrived by email, so it also confirms the
 * address.
 */
export async function resetPassword(ctx: RequestContext, input: { token: string; password: string }) {
  const passwordHash = await hashPassword(input.password)
  const spend = await spendEmailToken(ctx.db, PASSWORD_SETTING_PURPOSES, input.token, ctx.now)
  const [spent] = await ctx.db.batch([
    spend.statement,
    ...setPasswordOf(ctx.db, spend.owner, passwordHash, ctx.now),
    retirePasswordLinks(ctx.db, spend.owner, ctx.now),
  ])
  const userId = spent[0]?.userId
  if (!userId) throw linkNotValid()
  // Every session ended with the reset: their open sockets close too.
  ctx.background(announceSessionsEnded(ctx, userId))
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

/** A fresh confirmation link for the signed-in person (the first may have expired or been lost). */
export async function resendVerificationEmail(ctx: RequestContext) {
  await sendNewVerificationLink(ctx, requireActor(ctx))
}

/** A fresh confirmation link for a person whose address is not confirmed (theirs, or an admin's resend). */
export async function sendNewVerificationLink(ctx: RequestContext, user: { id: string; email: string; name: string; emailVerifiedAt: Date | null }) {
  if (user.emailVerifiedAt) return
  await enforceRateLimit(ctx.env, 'verify-resend', user.id, LIMITS.forgotAccount)
  const verification = await newEmailToken(ctx.db, user.id, 'verify_email', ctx.now)
  await verification.statement
  await sendVerificationEmail(ctx, user, verification.token)
}
