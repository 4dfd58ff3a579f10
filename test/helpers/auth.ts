import { env } from 'cloudflare:workers'
import { desc, eq } from 'drizzle-orm'
import { startSession } from '../../src/features/auth/sessions'
import * as schema from '../../src/db/schema'
import { testDb } from './db'
import { unique } from './factories'
import { fetchApp, ORIGIN, postJson } from './http'

export const PASSWORD = 'correct horse battery'

export type Registered = { id: string; email: string; password: string; token: string; cookie: string }

// The session cookie a response set, as a Cookie header value.
export function sessionCookie(res: Response): string {
  const setCookie = res.headers.getSetCookie().find((c) => c.startsWith('__Host-mc_session='))
  if (!setCookie) throw new Error('no session cookie was set')
  return setCookie.split(';')[0]!
}

export async function registerPatientViaApi(overrides: Record<string, unknown> = {}): Promise<Registered> {
  const email = `${unique('pat')}@example.test`
  const res = await postJson('/api/v1/auth/register/patient', { email, password: PASSWORD, name: 'Pat Example', ...overrides })
  if (res.status !== 201) throw new Error(`registration failed: ${res.status} ${await res.text()}`)
  const body = (await res.json()) as { user: { id: string; email: string }; token: string }
  return { id: body.user.id, email: body.user.email, password: PASSWORD, token: body.token, cookie: sessionCookie(res) }
}

export function bearer(token: string): RequestInit {
  return { headers: { authorization: `Bearer ${token}` } }
}

export function withBearer(token: string, init: RequestInit = {}): RequestInit {
  return { ...init, headers: { ...init.headers, authorization: `Bearer ${token}` } }
}

// A browser-like request with the session cookie and our own Origin.
export function asBrowser(cookie: string, init: RequestInit = {}): RequestInit {
  return { redirect: 'manual', ...init, headers: { origin: ORIGIN, ...init.headers, cookie } }
}

export async function me(token: string) {
  return fetchApp('/api/v1/auth/me', bearer(token))
}

// The newest email to an address, as the outbox holds it (no Postmark token in tests).
export async function latestEmailTo(address: string) {
  const [row] = await testDb()
    .select()
    .from(schema.emailOutbox)
    .where(eq(schema.emailOutbox.toAddress, address))
    .orderBy(desc(schema.emailOutbox.createdAt))
    .limit(1)
  return row
}

// The token of the first link in an email's text (…?token=…).
export function linkToken(text: string): string {
  const match = /[?&]token=([A-Za-z0-9_-]+)/.exec(text)
  if (!match) throw new Error(`no token link in: ${text}`)
  return match[1]!
}

// A signed-in session for a user made by the factories, without paying for a password hash.
export async function tokenFor(user: { id: string; role: 'patient' | 'doctor' | 'admin' }): Promise<string> {
  const { token } = await startSession({ db: testDb(), env, userAgent: 'test', ip: null, now: new Date() }, user)
  return token
}

// The session cookie of a factory-made user, for page tests.
export async function cookieFor(user: { id: string; role: 'patient' | 'doctor' | 'admin' }): Promise<string> {
  return `__Host-mc_session=${await tokenFor(user)}`
}

// A form post from a browser on our origin.
export function postForm(path: string, cookie: string, fields: Record<string, string>, headers: Record<string, string> = {}) {
  return fetchApp(path, asBrowser(cookie, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers }, body: new URLSearchParams(fields).toString() }))
}
