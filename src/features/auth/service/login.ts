import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { resetRateLimit } from '../../../durable-objects/rate-limiter/stub'
import { countFailure, refuseIfOverLimit } from '../../../middleware/rate-limit'
import { newId } from '../../../lib/ids'
import { readDeviceToken, signDeviceToken } from '../session-token'
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

// Whose failures a sign-in attempt spends: a device that signed in to this account before (its
// device cookie) has a budget of its own; every other device shares the account's. So someone
// guessing from elsewhere can lock out other devices, never the owner's own.
async function failureBudget(ctx: RequestContext, email: string, userId: string | undefined, knownDevice: string | undefined) {
  const device = knownDevice ? await readDeviceToken(ctx.env.SESSION_SECRET, knownDevice) : undefined
  if (device && userId && device.userId === userId) return { bucket: 'login-device', key: device.deviceId, limit: LIMITS.loginDevice, deviceId: device.deviceId }
  return { bucket: 'login-account', key: email, limit: LIMITS.loginAccount, deviceId: undefined }
}

/**
 * Signs in with email and password (and the second factor when it is on): a wrong email and a
 * wrong password answer alike; failures (not attempts) are limited, per account for unknown
 * devices and per device for one that signed in before; an old hash is upgraded. Returns the
 * device token the browser keeps for next time.
 */
export async function loginWithPassword(ctx: RequestContext, input: LoginInput & { knownDevice?: string }) {
  const now = ctx.now
  const user = await findUserForLogin(ctx.db, input.email)
  const budget = await failureBudget(ctx, input.email, user?.id, input.knownDevice)
  await refuseIfOverLimit(ctx.env, budget.bucket, budget.key, budget.limit)
  const passwordOk = await verifyPassword(input.password, user?.passwordHash)
  if (!user || !passwordOk) {
    await countFailure(ctx.env, budget.bucket, budget.key, budget.limit)
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
  await resetRateLimit(ctx.env, budget.bucket, budget.key)
  ctx.background(signedInAudit(ctx, user, session.sessionId, user.totpEnabledAt ? 'password+totp' : 'password').execute())
  await sendNewSignInEmail(ctx, user, now)
  const deviceToken = await signDeviceToken(ctx.env.SESSION_SECRET, { userId: user.id, deviceId: budget.deviceId ?? newId('dev') })
  return { user, ...session, deviceToken }
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
