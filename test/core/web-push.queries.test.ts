import { env } from 'cloudflare:workers'
import { eq, sql } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { noticeStatements } from '../../src/core/notices/queries'
import { deliverDuePush } from '../../src/core/notices/push'
import { testDb } from '../helpers/db'
import { createUser } from '../helpers/factories'
import { callApi } from '../helpers/http'
import { tokenFor } from '../helpers/auth'
import { decryptPush, newSubscriptionKeys, vapidKeyPair } from '../helpers/web-push-receiver'

// A push service of our own: it records what it is sent and answers as told.
function localPushService(status = 201) {
  const received: { endpoint: string; headers: Headers; body: Uint8Array<ArrayBuffer> }[] = []
  const send = async (endpoint: string, init: RequestInit) => {
    received.push({ endpoint, headers: new Headers(init.headers), body: new Uint8Array(init.body as ArrayBuffer) })
    return new Response(null, { status })
  }
  return { received, send }
}

async function subscribedPatient() {
  const patient = await createUser({ role: 'patient' })
  const keys = await newSubscriptionKeys()
  const endpoint = `https://push.example.test/${crypto.randomUUID()}`
  const res = await callApi(await tokenFor(patient), '/api/v1/push-subscriptions', 'POST', { endpoint, expirationTime: null, keys: { p256dh: keys.p256dh, auth: keys.authBase64 } })
  expect(res.status).toBe(201)
  return { patient, keys, endpoint }
}

describe('web push', () => {
  it('encrypts each message for its subscription: what the push service receives decrypts with the browser keys', async () => {
    const vapid = await vapidKeyPair()
    const pushEnv = { ...env, ...vapid }
    const { patient, keys, endpoint } = await subscribedPatient()
    const now = new Date()
    await testDb().batch(noticeStatements({ db: testDb(), env: pushEnv, now }, { userId: patient.id, kind: 'reminder', title: 'Reminder: Dr. Push, Mon 3 Dec, 10:00', body: 'Video call', link: '/appointments/apt_x' }, sql`1`) as never)

    const service = localPushService()
    // A later instant, so a message another file's run claimed meanwhile is due again here.
    await deliverDuePush(pushEnv, testDb(), new Date(now.getTime() + 3_600_000), service.send)
    const mine = service.received.filter((r) => r.endpoint === endpoint)
    expect(mine).toHaveLength(1)
    expect(mine[0]!.headers.get('content-encoding')).toBe('aes128gcm')
    expect(mine[0]!.headers.get('authorization')).toMatch(/^vapid t=[\w-]+\.[\w-]+\.[\w-]+, k=/)
    expect(JSON.parse(await decryptPush(keys, mine[0]!.body))).toEqual({ title: 'Reminder: Dr. Push, Mon 3 Dec, 10:00', body: 'Video call', link: '/appointments/apt_x', kind: 'reminder' })
  })

  it('drops a subscription its push service says is gone (410), and honours a person who turned push off', async () => {
    const vapid = await vapidKeyPair()
    const pushEnv = { ...env, ...vapid }
    const { patient, endpoint } = await subscribedPatient()
    const now = new Date()
    const ctx = { db: testDb(), env: pushEnv, now }
    await testDb().batch(noticeStatements(ctx, { userId: patient.id, kind: 'message', title: 'New messages from Dr. Gone', link: '/conversations' }, sql`1`) as never)
    const gone = localPushService(410)
    await deliverDuePush(pushEnv, testDb(), new Date(now.getTime() + 3_600_000), gone.send)
    expect(gone.received.filter((r) => r.endpoint === endpoint)).toHaveLength(1)
    expect(await testDb().select().from(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.endpoint, endpoint))).toEqual([])

    const again = await subscribedPatient()
    expect((await callApi(await tokenFor(again.patient), '/api/v1/notification-preferences', 'PUT', { preferences: { message: { push: false } } })).status).toBe(200)
    await testDb().batch(noticeStatements({ ...ctx, now: new Date() }, { userId: again.patient.id, kind: 'message', title: 'Quiet', link: '/conversations' }, sql`1`) as never)
    const [subscription] = await testDb().select().from(schema.pushSubscriptions).where(eq(schema.pushSubscriptions.endpoint, again.endpoint))
    expect(await testDb().select().from(schema.pushOutbox).where(eq(schema.pushOutbox.subscriptionId, subscription!.id))).toEqual([])
  })

  it('takes only https subscriptions with keys of the right size', async () => {
    const token = await tokenFor(await createUser())
    const keys = await newSubscriptionKeys()
    for (const body of [
      { endpoint: 'http://push.example.test/x', keys: { p256dh: keys.p256dh, auth: keys.authBase64 } },
      { endpoint: 'https://push.example.test/x', keys: { p256dh: keys.authBase64, auth: keys.authBase64 } },
      { endpoint: 'https://push.example.test/x' },
    ]) {
      expect((await callApi(token, '/api/v1/push-subscriptions', 'POST', body)).status).toBe(400)
    }
  })
})
