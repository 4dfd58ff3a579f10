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
