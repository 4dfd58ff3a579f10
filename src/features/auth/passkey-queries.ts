import { and, desc, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { accountColumns } from './user-queries'
import { passkeys, users, webauthnChallenges } from '../../db/schema'

export const CHALLENGE_TTL_MS = 5 * 60_000

export function insertChallenge(db: Db, challenge: string, purpose: 'register' | 'login', userId: string | null, now: Date) {
  return db.insert(webauthnChallenges).values({
    challenge,
    purpose,
    userId,
    createdAt: now,
    expiresAt: new Date(now.getTime() + CHALLENGE_TTL_MS),
  })
}

// A challenge is good once: it is deleted as it is checked, and only if unexpired and issued for
// this purpose (and, for registration, to this user).
export async function spendChallenge(db: Db, challenge: string, purpose: 'register' | 'login', userId: string | null, now: Date) {
  const [row] = await db
    .delete(webauthnChallenges)
    .where(
      and(
        eq(webauthnChallenges.challenge, challenge),
        eq(webauthnChallenges.purpose, purpose),
        userId ? eq(webauthnChallenges.userId, userId) : isNull(webauthnChallenges.userId),
        gt(webauthnChallenges.expiresAt, now),
      ),
    )
    .returning({ id: webauthnChallenges.id })
  return row !== undefined
}

export function findUserPasskeys(db: Db, userId: string) {
  return db
    .select({
      id: passkeys.id,
      credentialId: passkeys.credentialId,
      transports: passkeys.transports,
      name: passkeys.name,
      createdAt: passkeys.createdAt,
      lastUsedAt: passkeys.lastUsedAt,
      backedUp: passkeys.backedUp,
    })
    .from(passkeys)
    .where(eq(passkeys.userId, userId))
    .orderBy(desc(passkeys.createdAt))
}

export async function findPasskeyForLogin(db: Db, credentialId: string) {
  const [row] = await db
    .select({
      passkey: passkeys,
      user: accountColumns,
    })
    .from(passkeys)
    .innerJoin(users, eq(users.id, passkeys.userId))
    .where(eq(passkeys.credentialId, credentialId))
    .limit(1)
  return row
}

export function insertPasskey(db: Db, passkey: typeof passkeys.$inferInsert) {
  return db.insert(passkeys).values(passkey).returning()
}

// After a sign-in: the authenticator's new counter, when it was used, whether it is backed up.
export function recordPasskeyUse(db: Db, passkeyId: string, use: { counter: number; backedUp: boolean; now: Date }) {
  return db.update(passkeys).set({ counter: use.counter, lastUsedAt: use.now, backedUp: use.backedUp }).where(eq(passkeys.id, passkeyId))
}

// Scoped to the owner: someone else's passkey id matches no row.
export function deleteUserPasskey(db: Db, userId: string, passkeyId: string) {
  return db.delete(passkeys).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, userId))).returning({ id: passkeys.id })
}

export function renameUserPasskey(db: Db, userId: string, passkeyId: string, name: string) {
  return db.update(passkeys).set({ name }).where(and(eq(passkeys.id, passkeyId), eq(passkeys.userId, userId))).returning({ id: passkeys.id })
}
