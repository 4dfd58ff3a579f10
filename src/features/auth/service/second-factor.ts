import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { resetRateLimit } from '../../../durable-objects/rate-limiter/stub'
import { enforceRateLimit } from '../../../middleware/rate-limit'
import { UnauthorizedError } from '../../../lib/errors'
import { decryptField } from '../../../lib/field-crypto'
import { hashRecoveryCode } from '../../../lib/recovery-codes'
import { verifyTotp } from '../../../lib/totp'
import { keyRingOf, type RequestContext } from '../../../core/context'
import { findTotpSecret, spendRecoveryCode, spendTotpStep } from '../second-factor-queries'

function mfaRequired(message = 'Enter the code from your authenticator app.') {
  return new UnauthorizedError(message, 'mfa_required')
}

/**
 * Checks a TOTP code (each time step accepted once) or an unused recovery code (each works once).
 * Both are spent with a conditional write, so two requests racing with the same code cannot both
 * pass. `allowPending` accepts the secret of a set-up not yet enabled (the code that enables it).
 */
export async function checkSecondFactor(
  ctx: RequestContext,
  input: { userId: string; code: string | undefined; allowPending?: boolean; allowRecoveryCode?: boolean },
) {
  const { userId, code } = input
  if (!code) throw mfaRequired()
  await enforceRateLimit(ctx.env, 'totp-account', userId, LIMITS.totpAccount)
  if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
    const row = await findTotpSecret(ctx.db, userId)
    if (!row || (!row.enabledAt && !input.allowPending)) throw mfaRequired()
    const secret = await decryptField(keyRingOf(ctx), row.secretCiphertext, userId)
    const result = await verifyTotp(secret, code, ctx.now, row.lastUsedStep ?? null)
    if (!result.ok) throw mfaRequired('That code is not correct or was already used. Try the next one.')
    const [spent] = await spendTotpStep(ctx.db, userId, result.step)
    if (!spent) throw mfaRequired('That code was already used. Wait for the next one.')
    await resetRateLimit(ctx.env, 'totp-account', userId)
    return 'totp' as const
  }
  if (input.allowRecoveryCode === false) throw mfaRequired('Enter the six-digit code from your app.')
  const [spent] = await spendRecoveryCode(ctx.db, userId, await hashRecoveryCode(code), ctx.now)
  if (!spent) throw mfaRequired('That code is not correct.')
  await resetRateLimit(ctx.env, 'totp-account', userId)
  return 'recovery_code' as const
}
