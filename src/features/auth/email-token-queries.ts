import { and, eq, gt, inArray, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { emailTokens } from '../../db/schema'
import type { EMAIL_TOKEN_PURPOSES } from '../../db/schema/enums'
import { sha256Hex } from '../../lib/hash'
import { randomToken } from '../../lib/ids'

export type EmailTokenPurpose = (typeof EMAIL_TOKEN_PURPOSES)[number]
type Purpose = EmailTokenPurpose

export const EMAIL_TOKEN_TTL_MINUTES: Record<Purpose, number> = {
  verify_email: 48 * 60,
  // Short: a reset link in a mailbox is a key to the account.
  reset_password: 30,
  // An account an admin opened for someone: it has no password until they choose one, and the
  // invitation may sit unread for a few days.
  invitation: 7 * 24 * 60,
  // A new address proves itself within a day.
  change_email: 24 * 60,
}

// Links that let their holder choose the account's password.
export const PASSWORD_SETTING_PURPOSES: Purpose[] = ['reset_password', 'invitation']

// A fresh token for an email link. Only its hash is stored; the token itself goes in the email.
export async function newEmailToken(db: Db, userId: string, purpose: Purpose, now: Date, newEmail?: string) {
  const token = randomToken(32)
  const statement = db.insert(emailTokens).values({
    userId,
    purpose,
    newEmail: newEmail ?? null,
    tokenHash: await sha256Hex(token),
    createdAt: now,
    expiresAt: new Date(now.getTime() + EMAIL_TOKEN_TTL_MINUTES[purpose] * 60_000),
  })
  return { token, statement }
}

// Spends a token: the returned statement marks it used only if it is known, unused and unexpired,
// and `owner` selects its user only after that write, so statements batched after it act on the
// token's user exactly when the token was good, and a token works once even when requests race.
export type TokenOwner = Awaited<ReturnType<typeof spendEmailToken>>['owner']

export async function spendEmailToken(db: Db, purposes: Purpose | Purpose[], token: string, now: Date) {
  const tokenHash = await sha256Hex(token)
  const statement = db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(
      and(
        eq(emailTokens.tokenHash, tokenHash),
        inArray(emailTokens.purpose, Array.isArray(purposes) ? purposes : [purposes]),
        isNull(emailTokens.usedAt),
        gt(emailTokens.expiresAt, now),
      ),
    )
    .returning({ userId: emailTokens.userId })
  const owner = db
    .select({ userId: emailTokens.userId })
    .from(emailTokens)
    .where(and(eq(emailTokens.tokenHash, tokenHash), eq(emailTokens.usedAt, now)))
  return { statement, owner, tokenHash }
}

// Retires a user's unused password links (resets and invitations): a new reset request, or a
// password just set, leaves no older link that could set it again. `user` is an id, or a spent
// token's owner (so the statement can share that token's batch).
export function retirePasswordLinks(db: Db, user: string | TokenOwner, now: Date) {
  const owner = typeof user === 'string' ? eq(emailTokens.userId, user) : inArray(emailTokens.userId, user)
  return db
    .update(emailTokens)
    .set({ usedAt: now })
    .where(and(owner, inArray(emailTokens.purpose, PASSWORD_SETTING_PURPOSES), isNull(emailTokens.usedAt)))
}
