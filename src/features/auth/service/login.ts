import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { resetRateLimit } from '../../../durable-objects/rate-limiter/stub'
import { enforceRateLimit } from '../../../middleware/rate-limit'
import { auditStatement } from '../../../core/audit'
import { AppError, ForbiddenError, UnauthorizedError } from '../../../lib/errors'
import { needsRehash, hashPassword, verifyPassword } from '../../../lib/password'
import { requestOrigin, type RequestContext } from '../../../core/context'
import { signedInAudit } from '../login-audit'
import { sendNewSignInEmail } from '../notify'
import type { LoginInput } from '../schemas'
import { startSession } from '../sessions'
import { checkSecondFactor } from './second-factor'
import { findUserForLogin, updatePasswordHash } from '../user-queries'

// docs/api.md: a wrong email and a wrong password get the same answer, in the same time (an unknown
// email is checked against a dummy hash).
function invalidCredentials() {
  return new UnauthorizedError('That email and password do not match an account.', 'invalid_credentials')
}

/**
 * Signs in with email and password (and the second factor when it is on): a wrong email and a
 * wrong password answer alike, attempts per account are limited, an old hash is upgraded.
 */
export async function loginWithPassword(ctx: RequestContext, input: LoginInput) {
  const now = ctx.now
  // Every attempt on an account counts; a successful sign-in clears the count.
  await enforceRateLimit(ctx.env, 'login-account', input.email, LIMITS.loginAccount)
  const user = await findUserForLogin(ctx.db, input.email)
  const passwordOk = await verifyPassword(input.password, user?.passwordHash)
  if (!user || !passwordOk) {
    if (user) recordFailure(ctx, user.id, 'password')
    throw invalidCredentials()
  }
  // Only someone who knows the password learns that the account is closed.
  if (user.status !== 'active') {
    throw new ForbiddenError('This account has been deactivated. Please contact support.')
  }
  if (user.totpEnabledAt) {
    try {
      await checkSecondFactor(ctx, { userId: user.id, code: input.totp })
    } catch (err) {
      if (err instanceof AppError && err.code === 'mfa_required' && input.totp) recordFailure(ctx, user.id, 'totp')
      throw err
    }
  }
  // Parameters stored with the hash let us raise them: an old hash is replaced at sign-in.
  if (user.passwordHash && needsRehash(user.passwordHash)) {
    await updatePasswordHash(ctx.db, user.id, await hashPassword(input.password))
  }
  const session = await startSession(ctx, user)
  await resetRateLimit(ctx.env, 'login-account', input.email)
  ctx.background(signedInAudit(ctx, user, session.sessionId, user.totpEnabledAt ? 'password+totp' : 'password').execute())
  await sendNewSignInEmail(ctx, user, now)
  return { user, ...session }
}

// Written after the response, so a wrong password for a real account answers as fast as an
// unknown email does.
function recordFailure(ctx: RequestContext, userId: string, factor: string) {
  ctx.background(auditStatement(ctx.db, {
    action: 'auth.login.failed',
    actorUserId: userId,
    entityType: 'user',
    entityId: userId,
    ...requestOrigin(ctx),
    metadata: { factor },
  }).execute())
}
