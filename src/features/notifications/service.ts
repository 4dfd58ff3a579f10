import { requireActor, type RequestContext } from '../../core/context'
import { CHANNELS, channelChoosable, NOTICE_KIND_NAMES, NOTICE_KINDS, preferencesFrom, type Channel, type NoticeKind, type Preferences } from '../../core/notices/kinds'
import { tellOpenPages } from '../../core/notices/send'
import { readUnsubscribeToken } from '../../core/notices/unsubscribe'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { NotFoundError, ValidationError } from '../../lib/errors'
import { deletePushSubscriptionStatement, emailOffStatement, markReadStatement, openNotificationStatement, savePushSubscriptionStatement, notificationsStatement, phoneStatement, preferenceRowsStatement, savePreferencesStatements, unreadCountStatement } from './queries'
import { CursorPosition } from './schemas'

export const PAGE_SIZE = 20

/** The caller's notifications, newest first (keyset-paged), with their unread count: one round trip. */
export async function listNotifications(ctx: RequestContext, input: { cursor?: string }) {
  const actor = requireActor(ctx)
  const after = decodeCursor(input.cursor, CursorPosition)
  const [rows, [unread]] = await ctx.db.batch([notificationsStatement(ctx.db, actor.id, after, PAGE_SIZE + 1), unreadCountStatement(ctx.db, actor.id)])
  const items = rows.slice(0, PAGE_SIZE)
  const last = items.at(-1)
  return {
    items,
    nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ createdAt: last.createdAt.getTime(), id: last.id }) : null,
    unread: unread?.count ?? 0,
  }
}

/** Marks the caller's notifications read (ids of others' are ignored); their other pages update. */
export async function markNotificationsRead(ctx: RequestContext, which: { ids: string[] } | { all: true }) {
  const actor = requireActor(ctx)
  const result = await markReadStatement(ctx.db, actor.id, which, ctx.now)
  if (result.rowsAffected > 0) ctx.background(tellOpenPages(ctx.env, [{ userId: actor.id, kind: 'read' }]))
  return result.rowsAffected
}

/** Marks one of the caller's notifications read and returns its link (404 for anyone else's). */
export async function openNotification(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx)
  const [row] = await openNotificationStatement(ctx.db, actor.id, id, ctx.now)
  if (!row) throw new NotFoundError('No such notification.')
  ctx.background(tellOpenPages(ctx.env, [{ userId: actor.id, kind: 'read' }]))
  return row.link
}

/** The caller's channels for each kind, and whether they can get text messages at all. */
export async function notificationSettings(ctx: RequestContext) {
  const actor = requireActor(ctx)
  const [rows, [phone]] = await ctx.db.batch([preferenceRowsStatement(ctx.db, actor.id), phoneStatement(ctx.db, actor.id, ctx.now)])
  return { preferences: preferencesFrom(rows), phone: phone?.verifiedAt ? phone.phone : null, pendingPhone: phone?.pending ?? null }
}

type Changes = Partial<Record<string, Partial<Record<Channel, boolean>>>>

/**
 * Changes the caller's channels for some kinds (the rest stay). A channel a kind cannot have
 * (email off for what concerns a booking; text messages for anything but reminders and urgent
 * changes, or without a verified number) is refused by name, and nothing is saved.
 */
export async function updateNotificationPreferences(ctx: RequestContext, changes: Changes): Promise<{ preferences: Preferences; phone: string | null }> {
  const actor = requireActor(ctx)
  const current = await notificationSettings(ctx)
  const errors: Record<string, string> = {}
  const choices: { kind: NoticeKind; channels: Record<Channel, boolean> }[] = []
  for (const kind of NOTICE_KIND_NAMES) {
    const change = changes[kind]
    if (!change) continue
    const channels = { ...current.preferences[kind] }
    for (const channel of CHANNELS) {
      const wanted = change[channel]
      if (wanted === undefined || wanted === channels[channel]) continue
      if (!channelChoosable(kind, channel)) errors[`preferences.${kind}.${channel}`] = channel === 'email' ? 'cannot be changed for this kind' : 'is not offered for this kind'
      else if (channel === 'sms' && wanted && !current.phone) errors[`preferences.${kind}.sms`] = 'needs a verified phone number first'
      else channels[channel] = wanted
    }
    choices.push({ kind, channels })
  }
  if (Object.keys(errors).length) throw new ValidationError(errors)
  if (choices.length) await ctx.db.batch(savePreferencesStatements(ctx.db, actor.id, choices, ctx.now) as [ReturnType<typeof savePreferencesStatements>[number]])
  return { preferences: { ...current.preferences, ...Object.fromEntries(choices.map((c) => [c.kind, c.channels])) }, phone: current.phone }
}

/** Keeps this browser's push subscription for the caller. */
export async function savePushSubscription(ctx: RequestContext, input: { endpoint: string; keys: { p256dh: string; auth: string } }) {
  const actor = requireActor(ctx)
  const [row] = await savePushSubscriptionStatement(ctx.db, { userId: actor.id, endpoint: input.endpoint, p256dh: input.keys.p256dh, auth: input.keys.auth, userAgent: ctx.userAgent?.slice(0, 300) ?? null, now: ctx.now })
  return row!.id
}

/** Forgets one of the caller's subscriptions (another person's endpoint is left alone). */
export async function deletePushSubscription(ctx: RequestContext, endpoint: string) {
  await deletePushSubscriptionStatement(ctx.db, requireActor(ctx).id, endpoint)
}

/**
 * An unsubscribe link used (RFC 8058 one-click, or the page's button): that kind of email stops
 * for the person the link was made for. Works without a session; a link that does not verify
 * changes nothing. Returns the kind's label for the page, or undefined for a bad link.
 */
export async function unsubscribe(ctx: RequestContext, token: string) {
  const target = readUnsubscribeToken(ctx.env.SESSION_SECRET, token)
  if (!target || !channelChoosable(target.kind, 'email')) return undefined
  await emailOffStatement(ctx.db, target.userId, target.kind, NOTICE_KINDS[target.kind].defaults, ctx.now)
  return NOTICE_KINDS[target.kind].label
}

/** The kind an unsubscribe link is for (to ask before acting), if it verifies. */
export function unsubscribeTarget(ctx: RequestContext, token: string) {
  const target = readUnsubscribeToken(ctx.env.SESSION_SECRET, token)
  return target && channelChoosable(target.kind, 'email') ? NOTICE_KINDS[target.kind].label : undefined
}
