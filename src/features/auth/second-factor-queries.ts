import { and, eq, isNull, lt, or } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { recoveryCodes, totpSecrets } from '../../db/schema'

// A user's authenticator secret (enabled or still being set up), if any.
export async function findTotpSecret(db: Db, userId: string) {
  const [row] = await db.select().from(totpSecrets).where(eq(totpSecrets.userId, userId))
  return row
}

// A new secret replaces any set-up not finished; it is not enabled until a code proves it.
export function saveTotpSecret(db: Db, row: { userId: string; secretCiphertext: string; keyId: string; now: Date }) {
  const { userId, secretCiphertext, keyId, now } = row
  return db
    .insert(totpSecrets)
    .values({ userId, secretCiphertext, keyId, createdAt: now })
    .onConflictDoUpdate({ target: totpSecrets.userId, set: { secretCiphertext, keyId, lastUsedStep: null, createdAt: now } })
}

// Spends a TOTP time step: only a step later than the last one used is written (no row if not).
export function spendTotpStep(db: Db, userId: string, step: number) {
  return db
    .update(totpSecrets)
    .set({ lastUsedStep: step })
    .where(and(eq(totpSecrets.userId, userId), or(isNull(totpSecrets.lastUsedStep), lt(totpSecrets.lastUsedStep, step))))
    .returning({ userId: totpSecrets.userId })
}

// Spends an unused recovery code (no row if it is wrong or was used).
export function spendRecoveryCode(db: Db, userId: string, codeHash: string, now: Date) {
  return db
    .update(recoveryCodes)
    .set({ usedAt: now })
    .where(and(eq(recoveryCodes.userId, userId), eq(recoveryCodes.codeHash, codeHash), isNull(recoveryCodes.usedAt)))
    .returning({ id: recoveryCodes.id })
}

// Turns the secret on and replaces the recovery codes with fresh ones.
export function enableTotpStatements(db: Db, userId: string, codeHashes: string[], now: Date) {
  return [
    db.update(totpSecrets).set({ enabledAt: now }).where(eq(totpSecrets.userId, userId)),
    db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId)),
    db.insert(recoveryCodes).values(codeHashes.map((codeHash) => ({ userId, codeHash, createdAt: now }))),
  ] as const
}

export function removeSecondFactorStatements(db: Db, userId: string) {
  return [db.delete(totpSecrets).where(eq(totpSecrets.userId, userId)), db.delete(recoveryCodes).where(eq(recoveryCodes.userId, userId))] as const
}
