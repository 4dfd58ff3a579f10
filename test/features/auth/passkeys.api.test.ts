import { eq } from 'drizzle-orm'
import { Hono } from 'hono'
import { env } from 'cloudflare:workers'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import type { AppEnv } from '../../../src/env'
import type { RequestContext } from '../../../src/core/context'
import { handleError } from '../../../src/error-handler'
import { requireRole } from '../../../src/middleware/access-control'
import { toBase64Url } from '../../../src/lib/encoding'
import { testDb } from '../../helpers/db'
import { createDoctor } from '../../helpers/factories'
import { fetchApp, ORIGIN, postJson } from '../../helpers/http'
import { registerPatientViaApi, withBearer } from '../../helpers/auth'

const json = (body: unknown): RequestInit => ({ method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })
const clientData = (challenge: string, type: string) =>
  toBase64Url(new TextEncoder().encode(JSON.stringify({ type, challenge, origin: ORIGIN })))

describe('passkey API', () => {
  it('issues registration options for the signed-in user with a stored, expiring challenge', async () => {
    const account = await registerPatientViaApi()
    const res = await fetchApp('/api/v1/auth/passkeys/register/options', withBearer(account.token, { method: 'POST' }))
    expect(res.status).toBe(200)
    const options = (await res.json()) as { challenge: string; rp: { id: string }; authenticatorSelection: { residentKey: string } }
    expect(options.rp.id).toBe('mediconnect.test')
    expect(options.authenticatorSelection.residentKey).toBe('required')
    const [row] = await testDb().select().from(schema.webauthnChallenges).where(eq(schema.webauthnChallenges.challenge, options.challenge))
    expect(row!.userId).toBe(account.id)
    expect(row!.expiresAt.getTime() - row!.createdAt.getTime()).toBe(5 * 60_000)
  })

  it('refuses a registration response whose challenge was never issued, and a malformed one', async () => {
    const account = await registerPatientViaApi()
    const response = { id: 'abc', rawId: 'abc', type: 'public-key', response: { clientDataJSON: clientData('never-issued', 'webauthn.create'), attestationObject: 'AAAA' } }
    const res = await fetchApp('/api/v1/auth/passkeys/register/verify', withBearer(account.token, json({ response })))
    expect(res.status).toBe(400)
    const malformed = await fetchApp('/api/v1/auth/passkeys/register/verify', withBearer(account.token, json({ response: { id: 1 } })))
    expect(malformed.status).toBe(400)
    expect(((await malformed.json()) as { error: { code: string } }).error.code).toBe('validation_failed')
    expect(await testDb().select().from(schema.passkeys).where(eq(schema.passkeys.userId, account.id))).toEqual([])
  })

  it('spends a sign-in challenge once, and refuses an unknown credential', async () => {
    const options = (await (await postJson('/api/v1/auth/passkeys/login/options', {})).json()) as { challenge: string; allowCredentials?: unknown[] }
    expect(options.allowCredentials ?? []).toEqual([])
    const response = {
      id: 'unknown-credential',
      rawId: 'unknown-credential',
      type: 'public-key',
      response: { clientDataJSON: clientData(options.challenge, 'webauthn.get'), authenticatorData: 'AAAA', signature: 'AAAA' },
    }
    const res = await postJson('/api/v1/auth/passkeys/login/verify', { response })
    expect(res.status).toBe(401)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('invalid_credentials')
    expect(await testDb().select().from(schema.webauthnChallenges).where(eq(schema.webauthnChallenges.challenge, options.challenge))).toEqual([])
  })

  it('answers sign-in options of the same shape for every email, so they tell nobody who has a passkey', async () => {
    const owner = await registerPatientViaApi()
    await testDb().insert(schema.passkeys).values({ userId: owner.id, credentialId: `cred-${crypto.randomUUID()}`, publicKey: 'AAAA', name: 'Owner phone' })
    const optionsFor = async (email: string) => {
      const res = await postJson('/api/v1/auth/passkeys/login/options', { email })
      expect(res.status).toBe(200)
      const { challenge: _challenge, ...rest } = (await res.json()) as Record<string, unknown>
      return rest
    }
    const withPasskey = await optionsFor(owner.email)
    const without = await optionsFor((await registerPatientViaApi()).email)
    const unknown = await optionsFor(`${crypto.randomUUID()}@example.test`)
    expect(withPasskey).toEqual(unknown)
    expect(without).toEqual(unknown)
  })

  it('answers 404 for renaming or removing someone else’s passkey', async () => {
    const owner = await registerPatientViaApi()
    const other = await registerPatientViaApi()
    const [passkey] = await testDb()
      .insert(schema.passkeys)
      .values({ userId: owner.id, credentialId: `cred-${crypto.randomUUID()}`, publicKey: 'AAAA', name: 'Owner phone' })
      .returning()
    const remove = await fetchApp(`/api/v1/auth/passkeys/${passkey!.id}`, withBearer(other.token, { method: 'DELETE' }))
    expect(remove.status).toBe(404)
    const rename = await fetchApp(`/api/v1/auth/passkeys/${passkey!.id}`, withBearer(other.token, { ...json({ name: 'Mine now' }), method: 'PATCH' }))
    expect(rename.status).toBe(404)
    const list = (await (await fetchApp('/api/v1/auth/passkeys', withBearer(owner.token))).json()) as { items: { name: string }[] }
    expect(list.items.map((p) => p.name)).toEqual(['Owner phone'])
    expect((await fetchApp(`/api/v1/auth/passkeys/${passkey!.id}`, withBearer(owner.token, { method: 'DELETE' }))).status).toBe(204)
  })
})

describe('requireRole', () => {
  const guarded = new Hono<AppEnv>()
  guarded.use('*', async (c, next) => {
    const header = c.req.header('x-test-user')
    if (header) c.set('ctx', { actor: { doctorId: null, ...JSON.parse(header) } } as RequestContext)
    await next()
  })
  guarded.get('/doctor-only', requireRole('doctor'), (c) => c.text('ok'))
  guarded.get('/super-only', requireRole('admin:super'), (c) => c.text('ok'))
  guarded.onError(handleError)
  const as = (path: string, user: Record<string, unknown>) =>
    guarded.request(path, { headers: { 'x-test-user': JSON.stringify(user) } }, env)

  it('lets a verified doctor act as a doctor, but not a pending applicant or a patient', async () => {
    const { doctor } = await createDoctor({ status: 'pending' })
    expect((await as('/doctor-only', { role: 'doctor', doctorId: 'doc_verified', doctorStatus: 'verified' })).status).toBe(200)
    const pending = await as('/doctor-only', { role: 'doctor', doctorStatus: doctor.status })
    expect(pending.status).toBe(403)
    expect(await pending.text()).toContain('not verified yet')
    expect((await as('/doctor-only', { role: 'patient' })).status).toBe(403)
  })

  it('tells admin sub-roles apart', async () => {
    expect((await as('/super-only', { role: 'admin', adminRole: 'super' })).status).toBe(200)
    expect((await as('/super-only', { role: 'admin', adminRole: 'support' })).status).toBe(403)
  })
})
