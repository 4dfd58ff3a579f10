import { sql, type AnyColumn, type SQL } from 'drizzle-orm'
import type { SQLiteTable } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import type { Bindings } from '../../env'
import { emailOutbox, notificationPreferences, notifications, pushOutbox, pushSubscriptions, smsOutbox, users } from '../../db/schema'
import { newId } from '../../lib/ids'
import type { EmailMessage } from '../mail/outbox'
import { channelChoosable, NOTICE_KINDS, type Channel, type NoticeKind } from './kinds'
import { pushConfigured } from './push'
import { unsubscribeToken } from './unsubscribe'

type NoticeContext = { db: Db; env: Pick<Bindings, 'APP_ORIGIN' | 'SESSION_SECRET' | 'VAPID_PUBLIC_KEY' | 'VAPID_PRIVATE_KEY'>; now: Date }

// Something a person should know of: in-app always, and by email, push and SMS as they chose.
// Titles and bodies carry no medical details (they show on lock screens); the link does.
export type Notice = {
  userId: string
  kind: NoticeKind
  title: string
  body?: string
  // A path in the app: the subject of the notice.
  link: string
  // The email to send, for kinds that are emailed.
  email?: EmailMessage
  // The text message, for kinds that may go by SMS.
  sms?: string
}

/** What a push message carries (the service worker shows it). */
export const pushPayload = (notice: Pick<Notice, 'title' | 'body' | 'link' | 'kind'>) =>
  JSON.stringify({ title: notice.title, body: notice.body ?? '', link: notice.link, kind: notice.kind })

// True (in SQL) when the person wants this kind on this channel: their choice, else the default.
function wants(userId: string, kind: NoticeKind, channel: Channel): SQL {
  if (!channelChoosable(kind, channel)) return channel === 'email' ? sql`1` : sql`0`
  const column = notificationPreferences[channel]
  const fallback = NOTICE_KINDS[kind].defaults[channel] ? 1 : 0
  return sql`coalesce((select ${column} from ${notificationPreferences} where ${notificationPreferences.userId} = ${userId} and ${notificationPreferences.kind} = ${kind}), ${fallback}) = 1`
}

/**
 * A notice as statements for the batch of the change it tells about: the notification is written
 * only where `happened` holds (SQL over the changed row, or `changes() = 1` right after a claim),
 * and each channel's outbox row only where that notification was written and the person wants
 * the channel. So a change and its notices are stored together or not at all, and a change
 * refused (or claimed by another run) tells nobody anything.
 */
export function noticeStatements(ctx: NoticeContext, notice: Notice, happened: SQL) {
  const { db, now } = ctx
  const id = newId('ntf')
  const at = now.getTime()
  const written = sql`exists (select 1 from ${notifications} where ${notifications.id} = ${id})`
  const statements = [
    db.run(sql`insert into ${notifications} (id, user_id, kind, title, body, link, created_at)
      select ${id}, ${notice.userId}, ${notice.kind}, ${notice.title}, ${notice.body ?? null}, ${notice.link}, ${at} where ${happened}`),
  ]
  // One push message per browser the person subscribed (ids made in SQL, one per row), if this
  // server has push keys at all.
  if (pushConfigured(ctx.env)) {
    statements.push(
      db.run(sql`insert into ${pushOutbox} (id, subscription_id, payload, status, attempts, next_attempt_at, created_at)
        select 'psh_' || lower(hex(randomblob(16))), ${pushSubscriptions.id}, ${pushPayload(notice)}, 'queued', 0, ${at}, ${at}
        from ${pushSubscriptions} where ${pushSubscriptions.userId} = ${notice.userId} and ${written} and ${wants(notice.userId, notice.kind, 'push')}`),
    )
  }
  if (notice.email) {
    const m = withUnsubscribe(ctx, notice, notice.email)
    statements.push(
      db.run(sql`insert into ${emailOutbox} (id, to_address, subject, text_body, html_body, tag, attachments, headers, status, attempts, next_attempt_at, created_at)
        select ${newId('eml')}, ${m.to}, ${m.subject}, ${m.text}, ${m.html ?? null}, ${m.tag ?? null}, ${m.attachments ? JSON.stringify(m.attachments) : null}, ${m.headers ? JSON.stringify(m.headers) : null}, 'queued', 0, ${at}, ${at}
        where ${written} and ${wants(notice.userId, notice.kind, 'email')}`),
    )
  }
  if (notice.sms && NOTICE_KINDS[notice.kind].sms) {
    statements.push(
      db.run(sql`insert into ${smsOutbox} (id, user_id, to_number, body, status, attempts, next_attempt_at, created_at)
        select ${newId('sms')}, ${users.id}, ${users.phone}, ${notice.sms}, 'queued', 0, ${at}, ${at}
        from ${users} where ${users.id} = ${notice.userId} and ${users.phone} is not null and ${users.phoneVerifiedAt} is not null
          and ${written} and ${wants(notice.userId, notice.kind, 'sms')}`),
    )
  }
  return statements
}

/** The condition for the notices of a row written in the same batch under a new id: it exists. */
export const rowWritten = (table: SQLiteTable & { id: AnyColumn }, id: string): SQL => sql`exists (select 1 from ${table} where ${table.id} = ${id})`

/** Several notices of one change, all under the same condition (not `changes() = 1`: it holds for the first only). */
export const noticesStatements = (ctx: NoticeContext, notices: Notice[], happened: SQL) => notices.flatMap((n) => noticeStatements(ctx, n, happened))

/**
 * An email of a kind the person may turn off carries a way to: a line at its end and the
 * List-Unsubscribe headers (RFC 2369, and RFC 8058's one-click POST) that mail apps show as a
 * button. What changes a booking cannot be turned off, so it carries neither.
 */
function withUnsubscribe(ctx: NoticeContext, notice: Notice, email: EmailMessage): EmailMessage {
  if (!channelChoosable(notice.kind, 'email')) return email
  const link = `${new URL(ctx.env.APP_ORIGIN).origin}/unsubscribe?token=${unsubscribeToken(ctx.env.SESSION_SECRET, notice.userId, notice.kind)}`
  const line = `To stop emails like this one (${NOTICE_KINDS[notice.kind].label.toLowerCase()}): ${link}`
  return {
    ...email,
    text: `${email.text}\n\n${line}`,
    html: email.html?.replace('</body>', `<p style="font-size:13px;color:#4a5565"><a href="${link}">Stop emails like this one</a></p></body>`),
    headers: { 'List-Unsubscribe': `<${link}>`, 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' },
  }
}

// A person's unread count, as a subquery (the session lookup carries it: no extra round trip).
export const unreadNotificationsSql = (userId: AnyColumn | SQL | string) =>
  sql<number>`(select count(*) from ${notifications} where ${notifications.userId} = ${userId} and ${notifications.readAt} is null)`.mapWith(Number)
