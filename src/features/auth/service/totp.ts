import { actorAuditStatement } from '../../../core/audit'
import { ConflictError, NotFoundError } from '../../../lib/errors'
import { encryptField, keyIdOf } from '../../../lib/field-crypto'
import { generateRecoveryCodes, hashRecoveryCode } from '../../../lib/recovery-codes'
import { generateTotpSecret, otpauthUrl } from '../../../lib/totp'
import { keyRingOf, requireActor, type RequestContext } from '../../../core/context'
import { enableTotpStatements, findTotpSecret, removeSecondFactorStatements, saveTotpSecret } from '../second-factor-queries'
import { checkSecondFactor } from './second-factor'

/**
 * A new authenticator secret, stored encrypted and not yet enabled: it counts only once the user
 * proves their app has it by entering a code (enableTotp).
 */
export async function setupTotp(ctx: RequestContext) {
  const user = requireActor(ctx)
  const current = await findTotpSecret(ctx.db, user.id)
  if (current?.enabledAt) throw new ConflictError('Two-step sign-in is already on. Turn it off first to use a new app.')
  const secret = generateTotpSecret()
  const secretCiphertext = await encryptField(keyRingOf(ctx), secret, user.id)
  await saveTotpSecret(ctx.db, { userId: user.id, secretCiphertext, keyId: keyIdOf(secretCiphertext), now: ctx.now })
  return { secret, otpauth_url: otpauthUrl({ secret, accountName: user.email, issuer: 'MediConnect' }) }
}

/** Turns TOTP on after a correct code, and issues fresh recovery codes (shown once). */
export async function enableTotp(ctx: RequestContext, code: string) {
  const user = requireActor(ctx)
  const row = await findTotpSecret(ctx.db, user.id)
  if (!row) throw new NotFoundError('Start the set-up first.')
  if (row.enabledAt) throw new ConflictError('Two-step sign-in is already on.')
  await checkSecondFactor(ctx, { userId: user.id, code, allowPending: true, allowRecoveryCode: false })
  const codes = generateRecoveryCodes()
  const hashes = await Promise.all(codes.map(hashRecoveryCode))
  await ctx.db.batch([
    ...enableTotpStatements(ctx.db, user.id, hashes, ctx.now),
    actorAuditStatement(ctx, { action: 'auth.totp.enabled', entityType: 'user', entityId: user.id }),
  ])
  return { recoveryCodes: codes }
}

/** Turns the second factor off; it needs a current code, so a stolen session alone cannot do it. */
export async function disableTotp(ctx: RequestContext, code: string) {
  const user = requireActor(ctx)
  const row = await findTotpSecret(ctx.db, user.id)
  if (!row?.enabledAt) throw new NotFoundError('Two-step sign-in is not on.')
  await checkSecondFactor(ctx, { userId: user.id, code })
  await ctx.db.batch([
    ...removeSecondFactorStatements(ctx.db, user.id),
    actorAuditStatement(ctx, { action: 'auth.totp.disabled', entityType: 'user', entityId: user.id }),
  ])
}
