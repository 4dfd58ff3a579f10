import { buildPushPayload } from '@block65/webcrypto-web-push'
import type { Db } from '../../db/client'
import type { Bindings } from '../../env'
import { deliverDue, type Delivery } from './deliver'
import { claimPush, deleteSubscription, duePushStatement, markPushFailed, markPushSent } from './outbox-queries'

// How a push message leaves: a POST to the subscription's push service (tests pass a local one).
export type PushSender = (endpoint: string, init: RequestInit) => Promise<Response>

/** Push is on when the server has its VAPID key pair. */
export const pushConfigured = (env: Pick<Bindings, 'VAPID_PUBLIC_KEY' | 'VAPID_PRIVATE_KEY'>) => Boolean(env.VAPID_PUBLIC_KEY && env.VAPID_PRIVATE_KEY)

/**
 * Sends the push messages that are due: each encrypted for its subscription in the Worker
 * (RFC 8291, aes128gcm) and signed with our VAPID key (RFC 8292). A push service that answers
 * 404 or 410 has dropped the subscription, so we drop it too; 429 and 5xx are retried.
 */
export async function deliverDuePush(env: Bindings, db: Db, now: Date, send: PushSender = fetch) {
  if (!pushConfigured(env)) return { sent: 0, gone: 0, retrying: 0, failed: 0 }
  const vapid = { subject: env.VAPID_SUBJECT ?? new URL(env.APP_ORIGIN).origin, publicKey: env.VAPID_PUBLIC_KEY!, privateKey: env.VAPID_PRIVATE_KEY! }
  return deliverDue(now, {
    name: 'push',
    due: (limit) => duePushStatement(db, now, limit),
    claim: (candidate, until) => claimPush(db, candidate, until),
    async send(message): Promise<Delivery> {
      const { endpoint, p256dh, auth } = message.subscription
      const payload = await buildPushPayload({ data: message.payload, options: { ttl: 24 * 3600, urgency: 'normal' } }, { endpoint, expirationTime: null, keys: { p256dh, auth } }, vapid)
      const res = await send(endpoint, payload as RequestInit)
      if (res.ok) return { outcome: 'sent' }
      if (res.status === 404 || res.status === 410) return { outcome: 'gone' }
      const error = `push service answered ${res.status}`
      return { outcome: res.status === 429 || res.status >= 500 ? 'retry' : 'fail', error }
    },
    sent: (message) => markPushSent(db, message.id, now),
    failed: (message, failure) => markPushFailed(db, message.id, failure),
    gone: (message) => deleteSubscription(db, message.subscription.id),
  })
}
