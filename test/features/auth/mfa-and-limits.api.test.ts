import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { totpCode, totpStep } from '../../../src/lib/totp'
import { testDb } from '../../helpers/db'
import { fetchApp, ORIGIN, postJson } from '../../helpers/http'
import { asBrowser, PASSWORD, registerPatientViaApi, withBearer } from '../../helpers/auth'

type ErrorBody = { error: { code: string } }

async function enableTotp(token: string) {
  const setup = await fetchApp('/api/v1/auth/mfa/totp/setup', withBearer(token, { method: 'POST' }))
  expect(setup.status).toBe(200)
  const { secret, otpauth_url } = (await setup.json()) as { secret: string; otpauth_url: string }
  expect(otpauth_url).toContain(`secret=${secret}`)
  const step = totpStep(new Date())
  const enable = await fetchApp('/api/v1/auth/mfa/totp/enable', withBearer(token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code: await totpCode(secret, step) }) }))
  expect(enable.status).toBe(204)
  return { secret, usedStep: step }
}

describe('TOTP second factor', () => {
  it('asks for a code at sign-in, accepts the next one once, and refuses it the second time', async () => {
    const account = await registerPatientViaApi()
    const { secret, usedStep } = await enableTotp(account.token)

    const noCode = await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD })
    expect(noCode.status).toBe(401)
    expect(((await noCode.json()) as ErrorBody).error.code).toBe('mfa_required')

    const code = await totpCode(secret, usedStep + 1)
    const ok = await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD, totp: code })
    expect(ok.status).toBe(200)

    const replay = await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD, totp: code })
    expect(replay.status).toBe(401)
    expect(((await replay.json()) as ErrorBody).error.code).toBe('mfa_required')
  })

  it('stores the secret encrypted, never in plain text', async () => {
    const account = await registerPatientViaApi()
    const { secret } = await enableTotp(account.token)
    const [row] = await testDb().select().from(schema.totpSecrets).where(eq(schema.totpSecrets.userId, account.id))
    expect(row!.secretCiphertext).not.toContain(secret)
    expect(row!.secretCiphertext).toMatch(/^v1\./)
  })

  it('shows one-time recovery codes on the page, and each signs in once', async () => {
    const account = await registerPatientViaApi()
    const setupPage = await fetchApp('/account/security/totp/setup', asBrowser(account.cookie, { method: 'POST' }))
    expect(setupPage.status).toBe(200)
    const html = await setupPage.text()
    expect(html).toContain('<svg')
    const secret = /<code class="secret">([A-Z2-7]+)<\/code>/.exec(html)![1]!
    const enabled = await fetchApp('/account/security/totp/enable', asBrowser(account.cookie, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: `code=${await totpCode(secret, totpStep(new Date()))}`,
    }))
    expect(enabled.status).toBe(200)
    const codes = [...(await enabled.text()).matchAll(/<code>([a-z2-9]{5}-[a-z2-9]{5})<\/code>/g)].map((m) => m[1]!)
    expect(codes).toHaveLength(10)
    const first = await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD, totp: codes[0] })
    expect(first.status).toBe(200)
    const again = await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD, totp: codes[0] })
    expect(again.status).toBe(401)
  })

  it('turns off only with a valid code', async () => {
    const account = await registerPatientViaApi()
    const { secret, usedStep } = await enableTotp(account.token)
    const disable = (code: string) => fetchApp('/api/v1/auth/mfa/totp/disable', withBearer(account.token, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ code }) }))
    expect((await disable('000000')).status).toBe(401)
    expect((await disable(await totpCode(secret, usedStep + 1))).status).toBe(204)
    expect((await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD })).status).toBe(200)
  })
})

describe('rate limits', () => {
  it('answers 429 with Retry-After after repeated failed sign-ins to one account, from any address', async () => {
    const account = await registerPatientViaApi()
    const statuses: number[] = []
    let last: Response | undefined
    for (let i = 0; i < 6; i++) {
      last = await postJson('/api/v1/auth/login', { email: account.email, password: 'wrong password' })
      statuses.push(last.status)
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429])
    expect(Number(last!.headers.get('retry-after'))).toBeGreaterThan(0)
    expect(((await last!.json()) as ErrorBody).error.code).toBe('rate_limited')
  })

  it('never locks the owner out: 100 failures from 100 addresses, then the owner on their known device signs in', async () => {
    const account = await registerPatientViaApi()
    // The owner signed in on this browser before: it keeps a device cookie.
    const first = await fetchApp('/login', { method: 'POST', redirect: 'manual', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded' }, body: new URLSearchParams({ email: account.email, password: PASSWORD }).toString() })
    expect(first.status).toBe(303)
    const device = (first.headers.getSetCookie().find((c) => c.startsWith('__Host-mc_device=')) ?? '').split(';')[0]!
    expect(device).toMatch(/^__Host-mc_device=.+/)

    const statuses = new Set<number>()
    for (let i = 0; i < 100; i++) {
      const res = await fetchApp('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': `198.51.100.${i}` }, body: JSON.stringify({ email: account.email, password: `guess ${i}` }) })
      statuses.add(res.status)
    }
    expect([...statuses].sort()).toEqual([401, 429])
    // Another device with the right password is still held back…
    const stranger = await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD })
    expect(stranger.status).toBe(429)
    // …but the owner's own device signs in.
    const owner = await fetchApp('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json', cookie: device }, body: JSON.stringify({ email: account.email, password: PASSWORD }) })
    expect(owner.status).toBe(200)
  })

  it('limits registrations per IP address', async () => {
    const ip = `203.0.113.${Math.floor(Math.random() * 250)}`
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const res = await postJson('/api/v1/auth/register/patient', { email: 'not-an-email', password: PASSWORD, name: 'X' }, { headers: { 'cf-connecting-ip': ip } })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 10).every((s) => s === 400)).toBe(true)
    expect(statuses[10]).toBe(429)
  })
})
