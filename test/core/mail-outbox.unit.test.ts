import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { backoffMs, deliverDueEmails, MAX_ATTEMPTS, queueEmail } from '../../src/core/mail/outbox'
import { postmarkSender, type MailSender } from '../../src/core/mail/postmark'
import { passwordResetMessage } from '../../src/features/mail/templates'
import { testDb } from '../helpers/db'
import { unique } from '../helpers/factories'

const withToken = { ...env, POSTMARK_SERVER_TOKEN: 'server-token-for-tests' }

async function queued(count = 1) {
  const ids: string[] = []
  for (let i = 0; i < count; i++) {
    ids.push(await queueEmail(testDb(), { to: `${unique('to')}@example.test`, subject: 'Hello', text: 'Body', tag: 'test' }))
  }
  // Oldest of all, so a delivery run takes them first whatever other tests left queued.
  await testDb().update(schema.emailOutbox).set({ createdAt: new Date(0) }).where(inArray(schema.emailOutbox.id, ids))
  return ids
}

const rowsOf = (ids: string[]) => testDb().select().from(schema.emailOutbox).where(inArray(schema.emailOutbox.id, ids))

// Stands in for Postmark's servers (unreachable from here). Delivery also picks up other tests'
// queued messages; assertions look only at this test's rows.
function recordingSender(behaviour: (call: number) => 'ok' | 'fail') {
  const sent: string[] = []
  let calls = 0
  const sender: MailSender = async (email) => {
    const call = ++calls
    sent.push(email.to)
    if (behaviour(call) === 'fail') throw new Error('Postmark is unreachable')
    return { messageId: `pm-${call}` }
  }
  return { sender, sent }
}

describe('the email outbox', () => {
  it('keeps a message queued when no Postmark token is configured', async () => {
    const [id] = await queued()
    const result = await deliverDueEmails({ ...env, POSTMARK_SERVER_TOKEN: undefined }, testDb(), new Date())
    expect(result).toEqual({ sent: 0, failed: 0, retrying: 0 })
    const [row] = await rowsOf([id!])
    expect(row!.status).toBe('queued')
  })

  it('marks a delivered message sent, once, even when two deliveries run at the same time', async () => {
    const ids = await queued(3)
    const { sender, sent } = recordingSender(() => 'ok')
    const now = new Date(Date.now() + 1000)
    await Promise.all([deliverDueEmails(withToken, testDb(), now, sender, 500), deliverDueEmails(withToken, testDb(), now, sender, 500)])
    const rows = await rowsOf(ids)
    expect(rows.every((r) => r.status === 'sent' && r.providerMessageId?.startsWith('pm-'))).toBe(true)
    for (const row of rows) expect(sent.filter((to) => to === row.toAddress)).toHaveLength(1)
  })

  it('keeps a failed message queued with the error and a later attempt, then sends it', async () => {
    const [id] = await queued()
    const now = new Date(Date.now() + 1000)
    const failing = recordingSender(() => 'fail')
    await deliverDueEmails(withToken, testDb(), now, failing.sender, 500)
    const [afterFailure] = await rowsOf([id!])
    expect(afterFailure!.status).toBe('queued')
    expect(afterFailure!.attempts).toBe(1)
    expect(afterFailure!.lastError).toContain('unreachable')
    expect(afterFailure!.nextAttemptAt!.getTime()).toBe(now.getTime() + backoffMs(1))

    const ok = recordingSender(() => 'ok')
    await deliverDueEmails(withToken, testDb(), new Date(now.getTime() + backoffMs(1)), ok.sender, 500)
    const [afterRetry] = await rowsOf([id!])
    expect(afterRetry!.status).toBe('sent')
  })

  it('gives up after the last attempt', async () => {
    const [id] = await queued()
    await testDb().update(schema.emailOutbox).set({ attempts: MAX_ATTEMPTS - 1 }).where(eq(schema.emailOutbox.id, id!))
    const failing = recordingSender(() => 'fail')
    await deliverDueEmails(withToken, testDb(), new Date(Date.now() + 1000), failing.sender, 500)
    const [row] = await rowsOf([id!])
    expect(row!.status).toBe('failed')
  })

  it('backs off exponentially up to six hours', () => {
    expect(backoffMs(1)).toBe(60_000)
    expect(backoffMs(2)).toBe(120_000)
    expect(backoffMs(20)).toBe(6 * 3_600_000)
  })

  it('sends through the real Postmark client with the server token and the message fields', async () => {
    let seen: { url: string; token: string | null; body: Record<string, unknown> } | undefined
    const send = postmarkSender('server-token-for-tests', async (input, init) => {
      const request = new Request(input, init)
      seen = { url: request.url, token: request.headers.get('x-postmark-server-token'), body: await request.json() }
      return Response.json({ To: 'a@example.test', SubmittedAt: new Date().toISOString(), MessageID: 'abc-123', ErrorCode: 0, Message: 'OK' })
    })
    const result = await send({ from: 'MediConnect <no-reply@example.test>', to: 'a@example.test', subject: 'Hi', text: 'Text', html: '<p>Hi</p>', tag: 't', attachments: [{ name: 'visit.ics', contentType: 'text/calendar', contentBase64: 'QkVHSU4=' }] })
    expect(result).toEqual({ messageId: 'abc-123' })
    expect(seen!.url).toBe('https://api.postmarkapp.com/email')
    expect(seen!.token).toBe('server-token-for-tests')
    expect(seen!.body).toMatchObject({ To: 'a@example.test', Subject: 'Hi', TextBody: 'Text', Attachments: [{ Name: 'visit.ics', ContentType: 'text/calendar', Content: 'QkVHSU4=' }] })
  })
})

describe('email templates', () => {
  it('escape what they interpolate in HTML and keep the link in the text part', () => {
    const message = passwordResetMessage({ name: '<script>alert(1)</script>', link: 'https://mediconnect.test/reset-password?token=abc', expiresInMinutes: 30 })
    expect(message.html).not.toContain('<script>')
    expect(message.html).toContain('&#60;script&#62;')
    expect(message.text).toContain('https://mediconnect.test/reset-password?token=abc')
    expect(message.text).toContain('30 minutes')
  })
})
