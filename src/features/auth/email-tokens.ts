import { and, eq, gt, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { emailTokens } from '../../db/schema'
import type { EMAIL_TOKEN_PURPOSES } from '../../db/schema/enums'
import { sha256Hex } from '../../lib/hash'
import { randomToken } from '../../lib/ids'

type Purpose = (typeof EMAIL_TOKEN_PURPOSES)[number]

export const EMAIL_TOKEN_TTL_MINUTES: Record<Purpose, number> = {
  verify_email: 48 * 60,
  // Short: a reset link in a mailbox is a key to the account.
  reset_password: 30,
}

// A fresh token for an email link. Only its hash is stored; the token itself goes in the email.
export async function newEmailToken(db: Db, userId: string, purpose: Purpose, now: Date) {
  const token = randomToken(32)
  const statement = db.insert(emailTokens).values({
    userId,
    purpose,
    tokenHash: await sha256Hex(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MINUTES[purpose] * 60_000),
  })
  return { token, statement }
}

// Spends a token: the returned statement marks it used only if it is known, unused and unexpired,
// and `owner` selects its user only after that write, so statements batched after it act on the
// token's user exactly when the token was good, and a token works once even when requests race.
export async function spendEmailToken(db: Db, purpose: Purpose, token: string, now: Date) {
  const tokenHash = await sha256Hex(token)
  const statement = db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        eq(emailTokens.purpose, purpose),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId })
  const owner = db
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.usedAt, now)))
  return { statement, owner }
}
