import { and, eq, inArray, isNotNull, lt, or, sql } from 'drizzle-orm'
import type { Db } from '../db/client'
import { emailOutbox, emailTokens, idempotencyKeys, phoneVerifications, pushOutbox, sessions, settings, smsOutbox, webauthnChallenges } from '../db/schema'
import { DAY_MS } from '../lib/time'

// What has expired: sessions (ended or revoked over a day ago), idempotency keys, WebAuthn
// challenges, used or expired email tokens and phone codes, delivered push payloads and the words
// of delivered email and texts past the retention, as one batch.
export function deleteExpiredStatements(db: Db, now: Date) {
  const dayAgo = new Date(now.getTime() - DAY_MS)
  return [
    db.delete(sessions).where(or(lt(sessions.expiresAt, dayAgo), and(isNotNull(sessions.revokedAt), lt(sessions.revokedAt, dayAgo)))),
    db.delete(idempotencyKeys).where(lt(idempotencyKeys.expiresAt, now)),
    db.delete(webauthnChallenges).where(lt(webauthnChallenges.expiresAt, now)),
    db.delete(emailTokens).where(or(lt(emailTokens.expiresAt, now), isNotNull(emailTokens.usedAt))),
    purgeDeliveredEmailBodies(db, now),
    // Push payloads are for the push service only: gone a day after their last attempt.
    db.delete(pushOutbox).where(and(inArray(pushOutbox.status, ['sent', 'failed']), lt(pushOutbox.createdAt, dayAgo))),
    // Texts keep their record (to whom, when, what became of it) but not their words, like email.
    purgeDeliveredTexts(db, now),
    db.delete(phoneVerifications).where(lt(phoneVerifications.expiresAt, now)),
  ] as const
}

// Delivered emails keep their record (to whom, what subject, when) but not their bodies past the
// retention: `mail.retention_days` in settings (a whole number of days, at least 1), else 30.
export const MAIL_RETENTION_SETTING = 'mail.retention_days'
const DEFAULT_MAIL_RETENTION_DAYS = 30

const retentionDays = sql`max(1, coalesce((select cast(${settings.value} as integer) from ${settings} where ${settings.key} = ${MAIL_RETENTION_SETTING}), ${DEFAULT_MAIL_RETENTION_DAYS}))`

function purgeDeliveredTexts(db: Db, now: Date) {
  return db
    .update(smsOutbox)
    .set({ body: '' })
    .where(and(eq(smsOutbox.status, 'sent'), sql`${smsOutbox.sentAt} < ${now.getTime()} - ${retentionDays} * 86400000`, sql`${smsOutbox.body} <> ''`))
}

export function purgeDeliveredEmailBodies(db: Db, now: Date) {
  const days = retentionDays
  return db
    .update(emailOutbox)
    .set({ textBody: '', htmlBody: null, attachments: null })
    .where(and(eq(emailOutbox.status, 'sent'), sql`${emailOutbox.sentAt} < ${now.getTime()} - ${days} * 86400000`, or(sql`${emailOutbox.textBody} <> ''`, isNotNull(emailOutbox.htmlBody))))
}
