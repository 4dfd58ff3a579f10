import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody, queryParams } from '../../lib/validator'
import { NotificationsQuery, PhoneCodeInput, PhoneInput, PreferencesInput, PushEndpointInput, PushSubscriptionInput, ReadInput } from './schemas'
import { confirmPhone, startPhoneVerification } from './phone'
import { acceptTwilioStatus } from '../../core/notices/sms'
import { ForbiddenError } from '../../lib/errors'
import { deletePushSubscription, listNotifications, savePushSubscription, markNotificationsRead, notificationSettings, updateNotificationPreferences } from './service'
import { toApiNotification, toApiPreferences } from './present'

export const notificationsApi = new Hono<AppEnv>()

notificationsApi.get('/notifications', queryParams(NotificationsQuery), async (c) => {
  const page = await listNotifications(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map(toApiNotification), next_cursor: page.nextCursor, unread_count: page.unread })
})

notificationsApi.post('/notifications/read', jsonBody(ReadInput), async (c) => {
  await markNotificationsRead(c.var.ctx, c.req.valid('json'))
  return c.body(null, 204)
})

notificationsApi.get('/notification-preferences', async (c) => {
  const settings = await notificationSettings(c.var.ctx)
  return c.json(toApiPreferences(settings.preferences, settings.phone))
})

notificationsApi.put('/notification-preferences', jsonBody(PreferencesInput), async (c) => {
  const updated = await updateNotificationPreferences(c.var.ctx, c.req.valid('json').preferences)
  return c.json(toApiPreferences(updated.preferences, updated.phone))
})

// This browser's Web Push subscription (the settings page's push.js sends it).
notificationsApi.post('/push-subscriptions', jsonBody(PushSubscriptionInput), async (c) => c.json({ id: await savePushSubscription(c.var.ctx, c.req.valid('json')) }, 201))

notificationsApi.delete('/push-subscriptions', jsonBody(PushEndpointInput), async (c) => {
  await deletePushSubscription(c.var.ctx, c.req.valid('json').endpoint)
  return c.body(null, 204)
})

// A number for text messages: a code is texted, and confirming it makes the number the caller's.
notificationsApi.post('/notification-preferences/phone', jsonBody(PhoneInput), async (c) => c.json({ phone: await startPhoneVerification(c.var.ctx, c.req.valid('json').phone), code_sent: true }, 202))

notificationsApi.post('/notification-preferences/phone/confirm', jsonBody(PhoneCodeInput), async (c) => c.json({ phone: await confirmPhone(c.var.ctx, c.req.valid('json').code), verified: true }))

// Twilio's status callback: public (Twilio cannot sign in), so it must carry Twilio's signature
// of this very URL and its parameters, keyed with our auth token; anything else is a 403.
notificationsApi.post('/sms/status', async (c) => {
  const form = await c.req.parseBody()
  const params = Object.fromEntries(Object.entries(form).filter((e): e is [string, string] => typeof e[1] === 'string'))
  if (!(await acceptTwilioStatus(c.env, c.var.ctx.db, params, c.req.header('x-twilio-signature') ?? ''))) throw new ForbiddenError('The request is not signed by Twilio.')
  return c.body(null, 204)
})
