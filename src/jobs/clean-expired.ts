import { and, isNotNull, lt, or } from 'drizzle-orm'
import type { Db } from '../db/client'
import { emailTokens, idempotencyKeys, sessions, webauthnChallenges } from '../db/schema'

// Deletes what has expired: sessions (ended or revoked over a day ago), idempotency keys,
// WebAuthn challenges and used or expired email tokens. Deleting is idempotent, so running the
// job twice is harmless.
export async function cleanExpired(db: Db, now = new Date()) {
  const dayAgo = new Date(now.getTime() - 24 * 60 * 60 * 1000)
  const results = await db.batch([
    db
      .delete(sessions)
      .where(or(lt(sessions.expiresAt, dayAgo), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, dayAgo)))),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)),
    db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)),
    db.delete(emailTokens).where(or(lt(emailTokens.expiresAt, now), isNotNull(emailTokens.usedAt))),
  ])
  const [sessionsDeleted, keysDeleted, challengesDeleted, tokensDeleted] = results.map(
    (r) => r.rowsAffected,
  )
  return { sessionsDeleted, keysDeleted, challengesDeleted, tokensDeleted }
}
