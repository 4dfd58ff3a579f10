import { Hono, type Context } from 'hono'
import { NotificationBell } from '../../../views/components/notification-bell'
import { NotificationsPage } from '../../../views/notifications/notifications-page'
import { PreferencesPage, type PreferencesView } from '../../../views/notifications/preferences-page'
import { UnsubscribePage } from '../../../views/notifications/unsubscribe-page'
import { requireActor } from '../../core/context'
import { CHANNELS, channelChoosable, NOTICE_KIND_NAMES, NOTICE_KINDS } from '../../core/notices/kinds'
import { renderView } from '../../core/page'
import { joinNotificationHub } from '../../durable-objects/notification-hub/stub'
import { requireWebSocketUpgrade } from '../../durable-objects/chat-room/stub'
import type { AppEnv } from '../../env'
import { ConflictError, ValidationError } from '../../lib/errors'
import { localPath } from '../../lib/local-path'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { confirmPhone, startPhoneVerification } from './phone'
import { NotificationsQuery } from './schemas'
import { listNotifications, markNotificationsRead, notificationSettings, openNotification, unsubscribe, unsubscribeTarget, updateNotificationPreferences } from './service'

export const notificationRoutes = new Hono<AppEnv>()

notificationRoutes.get('/notifications', async (c) => {
  // A cursor typed or left over that is no longer usable starts the list again.
  const query = NotificationsQuery.safeParse(c.req.query())
  const page = await listNotifications(c.var.ctx, query.success ? query.data : {}).catch(() => listNotifications(c.var.ctx, {}))
  return renderView(c, {
    title: 'Notifications',
    body: <NotificationsPage items={page.items} unread={page.unread} nextCursor={page.nextCursor} timezone={viewerTimeZone(c, 'UTC').timezone} notice={c.req.query('read') ? 'Marked as read.' : undefined} />,
  })
})

// The header's bell, for htmx to swap in when something changed: the count came with the
// session, so this costs the session lookup alone.
notificationRoutes.get('/notifications/bell', (c) => {
  c.header('Cache-Control', 'no-store')
  return c.html(<NotificationBell count={requireActor(c.var.ctx).unreadNotifications} />)
})

// Opening a notification marks it read and goes to its subject (another person's id is a 404).
notificationRoutes.get('/notifications/:id/open', async (c) => {
  const link = await openNotification(c.var.ctx, c.req.param('id'))
  return c.redirect(localPath(link ?? undefined, '/notifications'), 303)
})

notificationRoutes.post('/notifications/read', async (c) => {
  const form = await c.req.parseBody()
  const id = typeof form.id === 'string' ? form.id.slice(0, 40) : ''
  await markNotificationsRead(c.var.ctx, id ? { ids: [id] } : { all: true })
  return c.redirect('/notifications?read=1', 303)
})

// The live channel: a WebSocket to the person's hub (docs/api.md, "Notification WebSocket").
notificationRoutes.get('/notifications/socket', async (c) => {
  requireWebSocketUpgrade(c)
  const actor = requireActor(c.var.ctx)
  return joinNotificationHub(c.env, { userId: actor.id, sessionId: c.var.ctx.sessionId! })
})

async function preferencesView(c: Context<AppEnv>, extra: Partial<PreferencesView> = {}): Promise<PreferencesView> {
  const settings = await notificationSettings(c.var.ctx)
  return {
    kinds: NOTICE_KIND_NAMES.map((kind) => ({
      kind,
      label: NOTICE_KINDS[kind].label,
      essential: NOTICE_KINDS[kind].essential,
      choosable: CHANNELS.filter((channel) => channelChoosable(kind, channel)),
      chosen: settings.preferences[kind],
    })),
    smsNumber: settings.phone,
    pendingNumber: settings.pendingPhone,
    pushAvailable: Boolean(c.env.VAPID_PUBLIC_KEY && c.env.VAPID_PRIVATE_KEY),
    vapidPublicKey: c.env.VAPID_PUBLIC_KEY,
    ...extra,
  }
}

const SETTINGS_NOTICES: Record<string, string> = {
  saved: 'Your choices are saved.',
  code: 'We texted you a code. Enter it below to confirm the number.',
  phone: 'Your number is confirmed. Choose below what comes by text message.',
}

notificationRoutes.get('/settings/notifications', async (c) =>
  renderView(c, { title: 'How you are told', body: <PreferencesPage {...await preferencesView(c, { notice: SETTINGS_NOTICES[Object.keys(c.req.query())[0] ?? ''] })} />, scripts: ['push'] }),
)

// The form sends a box only when ticked: every box the page offered that is missing is off.
notificationRoutes.post('/settings/notifications', async (c) => {
  const form = await c.req.parseBody()
  const changes = Object.fromEntries(NOTICE_KIND_NAMES.map((kind) => [kind, Object.fromEntries(CHANNELS.filter((ch) => channelChoosable(kind, ch)).map((ch) => [ch, form[`${kind}.${ch}`] === 'on']))]))
  try {
    await updateNotificationPreferences(c.var.ctx, changes)
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    return renderView(c, { title: 'How you are told', status: 422, body: <PreferencesPage {...await preferencesView(c, { error: 'Text messages need a confirmed number first; the other choices were not saved either.' })} />, scripts: ['push'] })
  }
  return c.redirect('/settings/notifications?saved=1', 303)
})

// A number for text messages: a code is texted to it, and entering the code confirms it.
notificationRoutes.post('/settings/notifications/phone', async (c) => {
  const form = await c.req.parseBody()
  const typed = typeof form.phone === 'string' ? form.phone.slice(0, 40) : ''
  try {
    await startPhoneVerification(c.var.ctx, typed)
  } catch (err) {
    if (!(err instanceof ValidationError)) throw err
    const view = await preferencesView(c, { phoneError: `The number ${err.fields?.phone ?? 'is not valid'}.`, phoneValue: typed })
    return renderView(c, { title: 'How you are told', status: 422, body: <PreferencesPage {...view} />, scripts: ['push'] })
  }
  return c.redirect('/settings/notifications?code=1', 303)
})

notificationRoutes.post('/settings/notifications/phone/confirm', async (c) => {
  const form = await c.req.parseBody()
  const code = typeof form.code === 'string' ? form.code.trim().slice(0, 12) : ''
  try {
    await confirmPhone(c.var.ctx, code)
  } catch (err) {
    if (!(err instanceof ValidationError || err instanceof ConflictError)) throw err
    const phoneError = err instanceof ValidationError ? 'That is not the code we sent. Check the message and try again.' : err.message
    return renderView(c, { title: 'How you are told', status: 422, body: <PreferencesPage {...await preferencesView(c, { phoneError })} />, scripts: ['push'] })
  }
  return c.redirect('/settings/notifications?phone=1', 303)
})

// Leaving a kind of email, from the link in one (public: the link's signature is the key).
notificationRoutes.get('/unsubscribe', (c) => {
  const token = (c.req.query('token') ?? '').slice(0, 300)
  return renderView(c, { title: 'Stop these emails', body: <UnsubscribePage token={token} label={unsubscribeTarget(c.var.ctx, token)} /> })
})

// A mail app's one-click POST (RFC 8058, body "List-Unsubscribe=One-Click") or the page's button.
notificationRoutes.post('/unsubscribe', async (c) => {
  const token = (c.req.query('token') ?? '').slice(0, 300)
  const label = await unsubscribe(c.var.ctx, token)
  return renderView(c, { title: 'Stop these emails', status: label ? 200 : 404, body: <UnsubscribePage token={token} label={label} done /> })
})
