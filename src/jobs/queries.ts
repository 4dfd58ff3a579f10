import { and, isNotNull, lt, or } from 'drizzle-orm'
import type { Db } from '../db/client'
import { emailTokens, idempotencyKeys, sessions, webauthnChallenges } from '../db/schema'
import { DAY_MS } from '../lib/time'

// What has expired: sessions (ended or revoked over a day ago), idempotency keys, WebAuthn
// challenges and used or expired email tokens, as one batch of deletes.
export function deleteExpiredStatements(db: Db, now: Date) {
  const dayAgo = new Date(now.getTime() - DAY_MS)
  return [
    db.delete(sessions).where(or(lt(sessions.expiresAt, dayAgo), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, dayAgo)))),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)),
    db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)),
    db.delete(emailTokens).where(or(lt(emailTokens.expiresAt, now), isNotNull(emailTokens.usedAt))),
  ] as const
}
