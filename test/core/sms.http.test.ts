import { env } from 'cloudflare:workers'
import { and, desc, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { deliverDueSms, twilioSignature } from '../../src/core/notices/sms'
import { testDb } from '../helpers/db'
import { createAppointment, createDoctor, createUser } from '../helpers/factories'
import { jobContext } from '../helpers/jobs'
import { sendDueReminders } from '../../src/features/appointments/service/jobs'
import { callApi, fetchApp } from '../helpers/http'
import { tokenFor } from '../helpers/auth'

const CALLBACK = 'https://mediconnect.test/api/v1/sms/status'
const newestTextTo = async (number: string) =>
  (await testDb().select().from(schema.smsOutbox).where(eq(schema.smsOutbox.toNumber, number)).orderBy(desc(schema.smsOutbox.createdAt)).limit(1))[0]
// A number of the UK's drama range, unique per test run.
const someNumber = () => `+4477009${String(Math.floor(Math.random() * 100000)).padStart(5, '0')}`

function statusCallback(params: Record<string, string>, signature: string) {
  return fetchApp('/api/v1/sms/status', { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'x-twilio-signature': signature }, body: new URLSearchParams(params) })
}

describe('text messages', () => {
  it('go only to a number confirmed with a texted code; a wrong code is refused', async () => {
    const user = await createUser({ role: 'patient' })
    const token = await tokenFor(user)
    const number = someNumber()
    expect((await callApi(token, '/api/v1/notification-preferences/phone', 'POST', { phone: 'call me' })).status).toBe(400)
    const typed = `${number.slice(0, 3)} ${number.slice(3, 7)} ${number.slice(7)}`
    expect((await callApi(token, '/api/v1/notification-preferences/phone', 'POST', { phone: typed })).status).toBe(202)
    const text = await newestTextTo(number)
    const code = /code is (\d{6})/.exec(text!.body)![1]!
    const wrong = code === '000000' ? '111111' : '000000'
    expect((await callApi(token, '/api/v1/notification-preferences/phone/confirm', 'POST', { code: wrong })).status).toBe(400)
    const confirmed = await callApi(token, '/api/v1/notification-preferences/phone/confirm', 'POST', { code })
    expect(confirmed.status).toBe(200)
    expect(await confirmed.json()).toEqual({ phone: number, verified: true })
    // The code is spent.
    expect((await callApi(token, '/api/v1/notification-preferences/phone/confirm', 'POST', { code })).status).toBe(409)
    const prefs = await callApi(token, '/api/v1/notification-preferences', 'PUT', { preferences: { reminder: { sms: true } } })
    expect(((await prefs.json()) as { preferences: { reminder: unknown }; sms_number: string }).sms_number).toBe(number)

    // The next reminder also goes by text, to that number.
    const { doctor } = await createDoctor({}, { name: 'Dr. Text' })
    const start = new Date(Date.UTC(2031, 0, 1) + Math.floor(Math.random() * 300) * 86_400_000)
    await createAppointment(doctor.id, user.id, { startAt: start })
    await sendDueReminders(jobContext(new Date(start.getTime() - 30 * 60_000)))
    expect((await newestTextTo(number))!.body).toMatch(/^MediConnect: reminder: Dr\. Text, .+ https:\/\/mediconnect\.test\/appointments\/apt_/)
  })

  it('go out through Twilio’s REST API, and Twilio’s status callbacks count only with its signature', async () => {
    const number = someNumber()
    const [queued] = await testDb().insert(schema.smsOutbox).values({ toNumber: number, body: 'MediConnect: test', nextAttemptAt: new Date() }).returning()
    const sent: { url: string; auth: string | null; form: URLSearchParams }[] = []
    const twilio = async (url: string, init: RequestInit) => {
      sent.push({ url, auth: new Headers(init.headers).get('authorization'), form: new URLSearchParams(init.body as URLSearchParams) })
      return Response.json({ sid: `SM${crypto.randomUUID().replace(/-/g, '')}` }, { status: 201 })
    }
    const twilioEnv = { ...env, TWILIO_ACCOUNT_SID: 'ACtest', TWILIO_FROM: '+15005550006' }
    await deliverDueSms(twilioEnv, testDb(), new Date(Date.now() + 3_600_000), twilio)
    const mine = sent.find((s) => s.form.get('To') === number)!
    expect(mine.url).toBe('https://api.twilio.com/2010-04-01/Accounts/ACtest/Messages.json')
    expect(mine.auth).toBe(`Basic ${btoa('ACtest:test-twilio-auth-token')}`)
    expect(mine.form.get('StatusCallback')).toBe(CALLBACK)
    const [row] = await testDb().select().from(schema.smsOutbox).where(eq(schema.smsOutbox.id, queued!.id))
    expect(row!.status).toBe('sent')

    const params = { MessageSid: row!.providerSid!, MessageStatus: 'delivered', AccountSid: 'ACtest' }
    expect((await statusCallback(params, 'bm90IHRoZSBzaWduYXR1cmU=')).status).toBe(403)
    expect((await statusCallback(params, await twilioSignature('another-token', CALLBACK, params))).status).toBe(403)
    expect((await testDb().select().from(schema.smsOutbox).where(eq(schema.smsOutbox.id, queued!.id)))[0]!.providerStatus).toBe('queued')
    expect((await statusCallback(params, await twilioSignature('test-twilio-auth-token', CALLBACK, params))).status).toBe(204)
    expect((await testDb().select().from(schema.smsOutbox).where(and(eq(schema.smsOutbox.id, queued!.id), like(schema.smsOutbox.providerStatus, 'delivered'))))).toHaveLength(1)
  })
})
