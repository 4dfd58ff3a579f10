import type { Db } from '../../db/client'
import type { Bindings } from '../../env'
import { describeError, log } from '../../lib/log'
import { claimEmail, dueEmailsStatement, insertEmailsReturningIds, markEmailFailed, markEmailSent } from './outbox-queries'
import { postmarkSender, type MailSender } from './postmark'

export type EmailMessage = {
  to: string
  subject: string
  text: string
  html?: string
  tag?: string
  attachments?: { name: string; contentType: string; contentBase64: string }[]
  // Extra headers (List-Unsubscribe for what a person may turn off).
  headers?: Record<string, string>
}

const DEFAULT_FROM = 'MediConnect <no-reply@mediconnect.example>'
export const MAX_ATTEMPTS = 10
// A claim stops a second delivery run from sending the same message while the first is at it.
const CLAIM_MS = 2 * 60_000

// Every email is written to the outbox first: if Postmark is down, nothing is lost, and the
// cron (deliverDueEmails) tries again with backoff.
export async function queueEmail(db: Db, message: EmailMessage): Promise<string> {
  const [id] = await queueEmails(db, [message])
  return id!
}

// Several messages in one insert: one database round trip however many parties are told.
export async function queueEmails(db: Db, messages: EmailMessage[]): Promise<string[]> {
  if (messages.length === 0) return []
  const rows = await insertEmailsReturningIds(db, messages as [EmailMessage, ...EmailMessage[]])
  return rows.map((r) => r.id)
}

// 1 minute, doubling each attempt, at most 6 hours.
export function backoffMs(attempts: number): number {
  return Math.min(60_000 * 2 ** Math.max(0, attempts - 1), 6 * 3_600_000)
}

// Sends what is due. Without a Postmark token (development, tests) nothing is sent: the outbox
// is what a developer reads at /dev/outbox. Safe to run twice at once: a message is claimed by a
// conditional update (next_attempt_at moved ahead) before it is sent.
export async function deliverDueEmails(env: Bindings, db: Db, now: Date, sender?: MailSender, limit = 20) {
  const token = env.POSTMARK_SERVER_TOKEN
  if (!token && !sender) return { sent: 0, failed: 0, retrying: 0 }
  const send = sender ?? postmarkSender(token!)
  const due = await dueEmailsStatement(db, now, limit)
  const counts = { sent: 0, failed: 0, retrying: 0 }
  for (const candidate of due) {
    const message = await claimEmail(db, candidate, new Date(now.getTime() + CLAIM_MS))
    if (!message) continue
    try {
      const { messageId } = await send({
        from: env.MAIL_FROM ?? DEFAULT_FROM,
        to: message.toAddress,
        subject: message.subject,
        text: message.textBody,
        html: message.htmlBody,
        tag: message.tag,
        attachments: message.attachments,
        headers: message.headers,
      })
      await markEmailSent(db, message.id, messageId, now)
      counts.sent++
    } catch (err) {
      const giveUp = message.attempts >= MAX_ATTEMPTS
      // The provider's message, never the request (which would carry the token).
      const lastError = err instanceof Error ? err.message.slice(0, 500) : 'delivery failed'
      await markEmailFailed(db, message.id, { giveUp, lastError, nextAttemptAt: new Date(now.getTime() + backoffMs(message.attempts)) })
      log(giveUp ? 'error' : 'warn', 'email delivery failed', { email_id: message.id, attempts: message.attempts, ...describeError(err) })
      if (giveUp) counts.failed++
      else counts.retrying++
    }
  }
  return counts
}
