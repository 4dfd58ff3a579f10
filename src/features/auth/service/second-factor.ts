import { and, eq, isNull, lt, or } from 'drizzle-orm'
import { recoveryCodes, totpSecrets } from '../../../db/schema'
import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { resetRateLimit } from '../../../durable-objects/rate-limiter/stub'
import { enforceRateLimit } from '../../../middleware/rate-limit'
import { UnauthorizedError } from '../../../lib/errors'
import { decryptField, parseKeyRing } from '../../../lib/field-crypto'
import { hashRecoveryCode } from '../../../lib/recovery-codes'
import { verifyTotp } from '../../../lib/totp'
import type { RequestContext } from '../../../core/context'

function mfaRequired(message = 'Enter the code from your authenticator app.') {
  return new UnauthorizedError(message, 'mfa_required')
}

// A TOTP code (each time step accepted once) or an unused recovery code (each works once). Both
// are spent with a conditional write, so two requests racing with the same code cannot both pass.
// `allowPending` accepts the secret of a set-up not yet enabled (the code that enables it).
export async function checkSecondFactor(
  ctx: RequestContext,
  userId: string,
  code: string | undefined,
  now: Date,
  options: { allowPending?: boolean; allowRecoveryCode?: boolean } = {},
) {
  if (!code) throw mfaRequired()
  await enforceRateLimit(ctx.env, 'totp-account', userId, LIMITS.totpAccount)
  if (/^\d{6}$/.test(code.replace(/\s/g, ''))) {
    const [row] = await ctx.db.select().from(totpSecrets).where(eq(totpSecrets.userId, userId))
    if (!row || (!row.enabledAt && !options.allowPending)) throw mfaRequired()
    const secret = await decryptField(parseKeyRing(ctx.env.ENCRYPTION_KEYS), row.secretCiphertext, userId)
    const result = await verifyTotp(secret, code, now, row.lastUsedStep ?? null)
    if (!result.ok) throw mfaRequired('That code is not correct or was already used. Try the next one.')
    const [spent] = await ctx.db
      .update(totpSecrets)
      .set({ lastUsedStep: result.step })
      .where(
        and(
          eq(totpSecrets.userId, userId),
          or(isNull(totpSecrets.lastUsedStep), lt(totpSecrets.lastUsedStep, result.step)),
        ),
      )
      .returning({ userId: totpSecrets.userId })
    if (!spent) throw mfaRequired('That code was already used. Wait for the next one.')
    await resetRateLimit(ctx.env, 'totp-account', userId)
    return 'totp' as const
  }
  if (options.allowRecoveryCode === false) throw mfaRequired('Enter the six-digit code from your app.')
  const [spent] = await ctx.db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(
      and(
        eq(recoveryCodes.userId, userId),
        eq(recoveryCodes.codeHash, await hashRecoveryCode(code)),
        isNull(recoveryCodes.usedAt),
      ),
    )
    .returning({ id: recoveryCodes.id })
  if (!spent) throw mfaRequired('That code is not correct.')
  await resetRateLimit(ctx.env, 'totp-account', userId)
  return 'recovery_code' as const
}
