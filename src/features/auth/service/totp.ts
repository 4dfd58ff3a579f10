import { eq } from 'drizzle-orm'
import { recoveryCodes, totpSecrets } from '../../../db/schema'
import { auditStatement } from '../../../core/audit'
import { ConflictError, NotFoundError, UnauthorizedError } from '../../../lib/errors'
import { encryptField, keyIdOf, parseKeyRing } from '../../../lib/field-crypto'
import { generateRecoveryCodes, hashRecoveryCode } from '../../../lib/recovery-codes'
import { generateTotpSecret, otpauthUrl } from '../../../lib/totp'
import { requestOrigin, type RequestContext } from '../../../core/context'
import { checkSecondFactor } from './second-factor'

function requireUser(ctx: RequestContext) {
  if (!ctx.actor) throw new UnauthorizedError()
  return ctx.actor
}

// A new secret, stored encrypted and not yet enabled: it counts only once the user proves their
// app has it by entering a code (enableTotp).
export async function setupTotp(ctx: RequestContext) {
  const user = requireUser(ctx)
  const [current] = await ctx.db.select({ enabledAt: totpSecrets.enabledAt }).from(totpSecrets).where(eq(totpSecrets.userId, user.id))
  if (current?.enabledAt) throw new ConflictError('Two-step sign-in is already on. Turn it off first to use a new app.')
  const secret = generateTotpSecret()
  const ring = parseKeyRing(ctx.env.ENCRYPTION_KEYS)
  const secretCiphertext = await encryptField(ring, secret, user.id)
  const keyId = keyIdOf(secretCiphertext)
  await ctx.db
    .insert(totpSecrets)
    .values({ userId: user.id, secretCiphertext, keyId, createdAt: new Date() })
    .onConflictDoUpdate({ target: totpSecrets.userId, set: { secretCiphertext, keyId, lastUsedStep: null, createdAt: new Date() } })
  return { secret, otpauth_url: otpauthUrl({ secret, accountName: user.email, issuer: 'MediConnect' }) }
}

async function pendingSecret(ctx: RequestContext, userId: string) {
  const [row] = await ctx.db.select().from(totpSecrets).where(eq(totpSecrets.userId, userId))
  return row
}

// Turns TOTP on after a correct code, and issues fresh recovery codes (shown once).
export async function enableTotp(ctx: RequestContext, code: string) {
  const user = requireUser(ctx)
  const now = new Date()
  const row = await pendingSecret(ctx, user.id)
  if (!row) throw new NotFoundError('Start the set-up first.')
  if (row.enabledAt) throw new ConflictError('Two-step sign-in is already on.')
  await checkSecondFactor(ctx, user.id, code, now, { allowPending: true, allowRecoveryCode: false })
  const codes = generateRecoveryCodes()
  const hashes = await Promise.all(codes.map(hashRecoveryCode))
  await ctx.db.batch([
    ctx.db.update(totpSecrets).set({ enabledAt: now }).where(eq(totpSecrets.userId, user.id)),
    ctx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id)),
    ctx.db.insert(recoveryCodes).values(hashes.map((codeHash) => ({ userId: user.id, codeHash, createdAt: now }))),
    auditStatement(ctx.db, { action: 'auth.totp.enabled', actorUserId: user.id, actorRole: user.role, entityType: 'user', entityId: user.id, ...requestOrigin(ctx), }),
  ])
  return { recoveryCodes: codes }
}

// Turning the second factor off needs a current code, so a stolen session alone cannot do it.
export async function disableTotp(ctx: RequestContext, code: string) {
  const user = requireUser(ctx)
  const row = await pendingSecret(ctx, user.id)
  if (!row?.enabledAt) throw new NotFoundError('Two-step sign-in is not on.')
  await checkSecondFactor(ctx, user.id, code, new Date())
  await ctx.db.batch([
    ctx.db.delete(totpSecrets).where(eq(totpSecrets.userId, user.id)),
    ctx.db.delete(recoveryCodes).where(eq(recoveryCodes.userId, user.id)),
    auditStatement(ctx.db, { action: 'auth.totp.disabled', actorUserId: user.id, actorRole: user.role, entityType: 'user', entityId: user.id, ...requestOrigin(ctx), }),
  ])
}
