import { sha256Hex } from '../../../src/lib/hash'
import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createSpecialty, unique } from '../../helpers/factories'
import { fetchApp, postJson } from '../../helpers/http'
import { bearer, latestEmailTo, linkToken, me, PASSWORD, registerPatientViaApi, withBearer } from '../../helpers/auth'

type ErrorBody = { error: { code: string; message: string; fields?: Record<string, string> } }
const errorOf = async (res: Response) => ((await res.json()) as ErrorBody).error

describe('POST /api/v1/auth/register/patient', () => {
  it('creates the account, signs it in and sends a verification email', async () => {
    const email = `${unique('New')}@Example.TEST`
    const res = await postJson('/api/v1/auth/register/patient', { email: `  ${email} `, password: PASSWORD, name: 'Ada Lovelace', phone: '+44 20 7946 0000' })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { user: Record<string, unknown>; token: string }
    expect(body.user).toEqual({
      id: expect.stringMatching(/^usr_/),
      email: email.toLowerCase(),
      name: 'Ada Lovelace',
      role: 'patient',
      email_verified: false,
      created_at: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
    })
    expect(JSON.stringify(body)).not.toMatch(/argon2|password_hash/)
    const cookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-mc_session='))!
    expect(cookie).toMatch(/HttpOnly/)
    expect(cookie).toMatch(/Secure/)
    expect(cookie).toMatch(/SameSite=Lax/)
    expect(cookie).toMatch(/Path=\//)
    expect((await me(body.token)).status).toBe(200)
    const mail = await latestEmailTo(email.toLowerCase())
    expect(mail?.subject).toMatch(/confirm|verify/i)
  })

  it('refuses a second account for the same email in another case with 409 email_taken', async () => {
    const first = await registerPatientViaApi()
    const res = await postJson('/api/v1/auth/register/patient', { email: first.email.toUpperCase(), password: PASSWORD, name: 'Someone Else' })
    expect(res.status).toBe(409)
    expect((await errorOf(res)).code).toBe('email_taken')
  })

  it.each([
    ['a malformed email', { email: 'not-an-email' }, 'email'],
    ['a short password', { password: 'short' }, 'password'],
    ['a 129-character password', { password: 'x'.repeat(129) }, 'password'],
    ['a missing name', { name: undefined }, 'name'],
    ['a name with markup', { name: '<script>alert(1)</script>' }, 'name'],
    ['a name with invisible characters', { name: 'Eve\u202Egro' }, 'name'],
    // Large, but inside the 1 MB body limit, so the name rule itself must refuse it.
    ['a 300 KB name', { name: 'a'.repeat(300_000) }, 'name'],
    ['a number as email', { email: 42 }, 'email'],
    ['an SQL fragment as phone', { phone: "1' OR '1'='1" }, 'phone'],
  ])('answers %s with 400 validation_failed and stores nothing', async (_label, override, field) => {
    const email = `${unique('bad')}@example.test`
    const res = await postJson('/api/v1/auth/register/patient', { email, password: PASSWORD, name: 'Valid Name', ...override })
    expect(res.status).toBe(400)
    const error = await errorOf(res)
    expect(error.code).toBe('validation_failed')
    expect(error.fields).toHaveProperty(field)
    const rows = await testDb().select().from(schema.users).where(eq(schema.users.email, email))
    expect(rows).toEqual([])
  })

  it('answers malformed JSON with 400 bad_request and a form body with 415', async () => {
    const bad = await postJson('/api/v1/auth/register/patient', '{"email": ')
    expect(bad.status).toBe(400)
    expect((await errorOf(bad)).code).toBe('bad_request')
    const form = await fetchApp('/api/v1/auth/register/patient', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a@b.test',
    })
    expect(form.status).toBe(415)
  })
})

describe('POST /api/v1/auth/register/doctor', () => {
  it('creates a pending doctor who can sign in', async () => {
    const specialty = await createSpecialty()
    const res = await postJson('/api/v1/auth/register/doctor', {
      email: `${unique('doc')}@example.test`,
      password: PASSWORD,
      name: 'Dr Grace Hopper',
      license_number: unique('LIC'),
      specialty_id: specialty.id,
    })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { user: { role: string }; doctor: { status: string }; token: string }
    expect(body.user.role).toBe('doctor')
    expect(body.doctor.status).toBe('pending')
    expect((await me(body.token)).status).toBe(200)
  })

  it('refuses a licence number already registered with 409 conflict, and an unknown specialty with 400', async () => {
    const specialty = await createSpecialty()
    const license = unique('LIC')
    const apply = (email: string, specialtyId = specialty.id) =>
      postJson('/api/v1/auth/register/doctor', { email, password: PASSWORD, name: 'Dr Who', license_number: license, specialty_id: specialtyId })
    expect((await apply(`${unique('d1')}@example.test`)).status).toBe(201)
    const again = await apply(`${unique('d2')}@example.test`)
    expect(again.status).toBe(409)
    expect((await errorOf(again)).code).toBe('conflict')
    const unknown = await apply(`${unique('d3')}@example.test`, 'spc_nope')
    expect(unknown.status).toBe(400)
    expect((await errorOf(unknown)).fields).toHaveProperty('specialty_id')
  })
})

describe('POST /api/v1/auth/login and logout', () => {
  it('signs in with the right password, whatever the email case', async () => {
    const account = await registerPatientViaApi()
    const res = await postJson('/api/v1/auth/login', { email: account.email.toUpperCase(), password: PASSWORD })
    expect(res.status).toBe(200)
    const body = (await res.json()) as { user: { id: string }; token: string }
    expect(body.user.id).toBe(account.id)
    expect((await me(body.token)).status).toBe(200)
  })

  it('answers a wrong password and an unknown email the same way', async () => {
    const account = await registerPatientViaApi()
    const wrong = await postJson('/api/v1/auth/login', { email: account.email, password: 'not the password' })
    const unknown = await postJson('/api/v1/auth/login', { email: `${unique('nobody')}@example.test`, password: 'not the password' })
    expect(wrong.status).toBe(401)
    expect(unknown.status).toBe(401)
    expect(await wrong.json()).toEqual(await unknown.json())
  })

  it('ends the session at once on logout, for the token and everywhere it is used', async () => {
    const account = await registerPatientViaApi()
    expect((await fetchApp('/api/v1/auth/logout', withBearer(account.token, { method: 'POST' }))).status).toBe(204)
    const after = await me(account.token)
    expect(after.status).toBe(401)
    expect((await errorOf(after)).code).toBe('unauthorized')
  })

  it('refuses a forged or garbled token', async () => {
    expect((await me('eyJhbGciOiJIUzI1NiJ9.eyJzaWQiOiJzZXNfeCJ9.AAAA')).status).toBe(401)
    expect((await fetchApp('/api/v1/auth/me', { headers: { authorization: 'Bearer nonsense' } })).status).toBe(401)
  })

  it('refuses a deactivated account even with the right password', async () => {
    const account = await registerPatientViaApi()
    await testDb().update(schema.users).set({ status: 'deactivated' }).where(eq(schema.users.id, account.id))
    expect((await me(account.token)).status).toBe(401)
    const res = await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD })
    expect(res.status).toBe(403)
  })
})

describe('email verification and password reset', () => {
  it('verifies the email with the link token once', async () => {
    const account = await registerPatientViaApi()
    const token = linkToken((await latestEmailTo(account.email))!.textBody)
    expect((await postJson('/api/v1/auth/email/verify', { token })).status).toBe(204)
    const user = (await (await me(account.token)).json()) as { user: { email_verified: boolean } }
    expect(user.user.email_verified).toBe(true)
    const again = await postJson('/api/v1/auth/email/verify', { token })
    expect(again.status).toBe(400)
  })

  it('answers 202 to a reset request whether or not the account exists, and emails only real ones', async () => {
    const nobody = `${unique('ghost')}@example.test`
    expect((await postJson('/api/v1/auth/password/forgot', { email: nobody })).status).toBe(202)
    expect(await latestEmailTo(nobody)).toBeUndefined()
    const account = await registerPatientViaApi()
    expect((await postJson('/api/v1/auth/password/forgot', { email: account.email })).status).toBe(202)
    expect((await latestEmailTo(account.email))?.subject).toMatch(/password/i)
  })

  it('resets the password once, ending every session', async () => {
    const account = await registerPatientViaApi()
    await postJson('/api/v1/auth/password/forgot', { email: account.email })
    const token = linkToken((await latestEmailTo(account.email))!.textBody)
    const newPassword = 'a brand new passphrase'
    expect((await postJson('/api/v1/auth/password/reset', { token, password: newPassword })).status).toBe(204)
    expect((await me(account.token)).status).toBe(401)
    expect((await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD })).status).toBe(401)
    expect((await postJson('/api/v1/auth/login', { email: account.email, password: newPassword })).status).toBe(200)
    const reuse = await postJson('/api/v1/auth/password/reset', { token, password: 'yet another passphrase' })
    expect(reuse.status).toBe(400)
  })

  it('lets only the newest reset link work, and a reset ends every other password link', async () => {
    const account = await registerPatientViaApi()
    await postJson('/api/v1/auth/password/forgot', { email: account.email })
    const first = linkToken((await latestEmailTo(account.email))!.textBody)
    await postJson('/api/v1/auth/password/forgot', { email: account.email })
    const second = linkToken((await latestEmailTo(account.email))!.textBody)
    expect(second).not.toBe(first)
    expect((await postJson('/api/v1/auth/password/reset', { token: first, password: 'a brand new passphrase' })).status).toBe(400)
    // An older link of another kind that also sets the password (an invitation) dies with the reset.
    const invitation = 'an-invitation-link-token-0123456789'
    await testDb().insert(schema.emailTokens).values({ userId: account.id, purpose: 'invitation', tokenHash: await sha256Hex(invitation), createdAt: new Date(), expiresAt: new Date(Date.now() + 86_400_000) })
    expect((await postJson('/api/v1/auth/password/reset', { token: second, password: 'a brand new passphrase' })).status).toBe(204)
    expect((await postJson('/api/v1/auth/password/reset', { token: invitation, password: 'another new passphrase' })).status).toBe(400)
  })

  it('refuses an expired reset token', async () => {
    const account = await registerPatientViaApi()
    await postJson('/api/v1/auth/password/forgot', { email: account.email })
    const token = linkToken((await latestEmailTo(account.email))!.textBody)
    await testDb().update(schema.emailTokens).set({ expiresAt: new Date(Date.now() - 1000) }).where(eq(schema.emailTokens.userId, account.id))
    expect((await postJson('/api/v1/auth/password/reset', { token, password: 'a brand new passphrase' })).status).toBe(400)
  })
})

describe('sessions', () => {
  it('lists the caller’s sessions and revokes another one', async () => {
    const account = await registerPatientViaApi()
    const second = (await (await postJson('/api/v1/auth/login', { email: account.email, password: PASSWORD })).json()) as { token: string }
    const list = (await (await fetchApp('/api/v1/auth/sessions', bearer(account.token))).json()) as { items: { id: string; current: boolean }[] }
    expect(list.items).toHaveLength(2)
    const other = list.items.find((s) => !s.current)!
    expect((await fetchApp(`/api/v1/auth/sessions/${other.id}`, withBearer(account.token, { method: 'DELETE' }))).status).toBe(204)
    expect((await me(second.token)).status).toBe(401)
    expect((await me(account.token)).status).toBe(200)
  })

  it('answers 404 for another person’s session', async () => {
    const a = await registerPatientViaApi()
    const b = await registerPatientViaApi()
    const list = (await (await fetchApp('/api/v1/auth/sessions', bearer(b.token))).json()) as { items: { id: string }[] }
    const res = await fetchApp(`/api/v1/auth/sessions/${list.items[0]!.id}`, withBearer(a.token, { method: 'DELETE' }))
    expect(res.status).toBe(404)
    expect((await me(b.token)).status).toBe(200)
  })

  it('gives a new session the idle time the clinic set, not the default', async () => {
    // Doctors only (12 minutes instead of 30), so parallel tests' patients are untouched.
    await testDb().insert(schema.settings).values({ key: 'session.idle_minutes', value: { doctor: 12 } }).onConflictDoUpdate({ target: schema.settings.key, set: { value: { doctor: 12 } } })
    try {
      const email = `${unique('idle')}@example.test`
      const specialty = await createSpecialty()
      const res = await postJson('/api/v1/auth/register/doctor', { email, password: PASSWORD, name: 'Dr Idle', license_number: unique('LIC'), specialty_id: specialty.id })
      expect(res.status).toBe(201)
      const { user } = (await res.json()) as { user: { id: string } }
      const [session] = await testDb().select().from(schema.sessions).where(eq(schema.sessions.userId, user.id))
      expect(session!.idleExpiresAt.getTime() - session!.createdAt.getTime()).toBe(12 * 60_000)
    } finally {
      await testDb().delete(schema.settings).where(eq(schema.settings.key, 'session.idle_minutes'))
    }
  })

  it('ends an idle session', async () => {
    const account = await registerPatientViaApi()
    await testDb().update(schema.sessions).set({ idleExpiresAt: new Date(Date.now() - 1000) }).where(eq(schema.sessions.userId, account.id))
    expect((await me(account.token)).status).toBe(401)
  })
})

describe('POST /api/v1/auth/email/resend', () => {
  it('sends a new confirmation link that works, and needs a session', async () => {
    const account = await registerPatientViaApi()
    const first = (await latestEmailTo(account.email))!
    expect((await fetchApp('/api/v1/auth/email/resend', withBearer(account.token, { method: 'POST' }))).status).toBe(202)
    const second = (await latestEmailTo(account.email))!
    expect(second.id).not.toBe(first.id)
    expect((await postJson('/api/v1/auth/email/verify', { token: linkToken(second.textBody) })).status).toBe(204)
    expect((await fetchApp('/api/v1/auth/email/resend', { method: 'POST' })).status).toBe(401)
  })
})

describe('sliding session renewal', () => {
  it('moves the idle deadline forward only when the last activity is old enough', async () => {
    const account = await registerPatientViaApi()
    const sessionRow = async () => (await testDb().select().from(schema.sessions).where(eq(schema.sessions.userId, account.id)))[0]!
    const fresh = await sessionRow()
    // A request right after sign-in writes nothing.
    expect((await me(account.token)).status).toBe(200)
    expect((await sessionRow()).idleExpiresAt.getTime()).toBe(fresh.idleExpiresAt.getTime())

    const tenMinutesAgo = new Date(Date.now() - 10 * 60_000)
    const soon = new Date(Date.now() + 60_000)
    await testDb().update(schema.sessions).set({ lastSeenAt: tenMinutesAgo, idleExpiresAt: soon }).where(eq(schema.sessions.id, fresh.id))
    expect((await me(account.token)).status).toBe(200)
    // The renewal is written after the response; wait for it, a bounded number of times.
    let renewed = await sessionRow()
    for (let i = 0; i < 50 && renewed.idleExpiresAt.getTime() === soon.getTime(); i++) {
      await new Promise((r) => setTimeout(r, 20))
      renewed = await sessionRow()
    }
    expect(renewed.idleExpiresAt.getTime()).toBeGreaterThan(Date.now() + 50 * 60_000)
    expect(renewed.lastSeenAt.getTime()).toBeGreaterThan(tenMinutesAgo.getTime())
  })
})
