import { sql } from 'drizzle-orm'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import { z } from 'zod'
import { createDb } from '../../src/db/client'
import type { AppEnv } from '../../src/env'
import { handleError, handleNotFound } from '../../src/error-handler'
import { ConflictError, RateLimitedError } from '../../src/lib/errors'
import { jsonBody } from '../../src/lib/validator'
import { requestId } from '../../src/middleware/request-id'
import { env } from 'cloudflare:workers'
import { fetchApp, ORIGIN, postJson } from '../helpers/http'

// A small app assembled from the production pieces (validator, error mapping), for endpoints the
// product does not have yet.
function probeApp() {
  const probe = new Hono<AppEnv>()
  probe.use('*', requestId)
  probe.use('*', async (c, next) => {
    c.set('db', createDb(c.env))
    await next()
  })
  const Input = z.object({ email: z.email(), age: z.number().int().min(0).max(150) })
  probe.post('/api/v1/probe', jsonBody(Input), (c) => c.json({ received: c.req.valid('json') }))
  probe.get('/api/v1/boom', () => {
    throw new Error('SELECT password_hash FROM users -- internal detail')
  })
  probe.get('/api/v1/bad-sql', async (c) => {
    await c.var.db.run(sql`select secret_column from no_such_table`)
    return c.text('unreachable')
  })
  probe.get('/api/v1/conflict', () => {
    throw new ConflictError('That slot was just taken.', 'slot_unavailable')
  })
  probe.get('/api/v1/slow-down', () => {
    throw new RateLimitedError(42)
  })
  probe.get('/page/boom', () => {
    throw new Error('secret stack detail')
  })
  probe.notFound(handleNotFound)
  probe.onError(handleError)
  return (path: string, init?: RequestInit) => probe.request(new URL(path, ORIGIN), init, env)
}

const json = (res: Response) => res.json() as Promise<{ error: { code: string; message: string; fields?: Record<string, string> } }>

describe('API errors', () => {
  it('answers an unknown API route with 404 not_found in the error shape', async () => {
    const res = await fetchApp('/api/v1/no-such-thing')
    expect(res.status).toBe(404)
    expect(res.headers.get('content-type')).toMatch(/application\/json/)
    expect(await json(res)).toEqual({ error: { code: 'not_found', message: 'No such endpoint.' } })
  })

  it('refuses a body over 1 MB with 413 payload_too_large before reading it', async () => {
    const res = await postJson('/api/v1/health', { blob: 'x'.repeat(1024 * 1024 + 10) })
    expect(res.status).toBe(413)
    expect((await json(res)).error.code).toBe('payload_too_large')
  })

  it('answers 415 when the body is not JSON', async () => {
    const request = probeApp()
    const res = await request('/api/v1/probe', {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'email=a@b.c',
    })
    expect(res.status).toBe(415)
    expect((await json(res)).error.code).toBe('unsupported_media_type')
  })

  it('answers 400 bad_request for malformed JSON', async () => {
    const request = probeApp()
    const res = await request('/api/v1/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"email": "a@b.c",',
    })
    expect(res.status).toBe(400)
    expect(await json(res)).toEqual({
      error: { code: 'bad_request', message: 'The request body is not valid JSON.' },
    })
  })

  it('answers 400 validation_failed naming each bad field', async () => {
    const request = probeApp()
    const res = await request('/api/v1/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email: 'not-an-email', age: '7' }),
    })
    expect(res.status).toBe(400)
    const body = await json(res)
    expect(body.error.code).toBe('validation_failed')
    expect(Object.keys(body.error.fields ?? {}).sort()).toEqual(['age', 'email'])
  })

  it('reports missing fields as required and a non-object body under "body"', async () => {
    const request = probeApp()
    const missing = await json(
      await request('/api/v1/probe', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      }),
    )
    expect(missing.error.fields).toEqual({ email: 'is required', age: 'is required' })
    const notObject = await request('/api/v1/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '[1, 2]',
    })
    expect(notObject.status).toBe(400)
    expect((await json(notObject)).error.fields).toHaveProperty('body')
  })

  it('accepts a valid body and ignores unknown fields', async () => {
    const request = probeApp()
    const res = await request('/api/v1/probe', {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: JSON.stringify({ email: 'a@example.test', age: 30, admin: true }),
    })
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ received: { email: 'a@example.test', age: 30 } })
  })

  it('maps a typed service error to its status and code', async () => {
    const request = probeApp()
    const res = await request('/api/v1/conflict')
    expect(res.status).toBe(409)
    expect(await json(res)).toEqual({
      error: { code: 'slot_unavailable', message: 'That slot was just taken.' },
    })
  })

  it('sends Retry-After with 429 rate_limited', async () => {
    const request = probeApp()
    const res = await request('/api/v1/slow-down')
    expect(res.status).toBe(429)
    expect(res.headers.get('retry-after')).toBe('42')
    expect((await json(res)).error.code).toBe('rate_limited')
  })

  it('answers an unexpected error with a plain 500 that reveals no stack or SQL', async () => {
    const request = probeApp()
    for (const path of ['/api/v1/boom', '/api/v1/bad-sql']) {
      const res = await request(path)
      expect(res.status).toBe(500)
      const text = await res.text()
      expect(text).not.toMatch(/select|password_hash|no_such_table|secret_column|at .*\.ts/i)
      const body = JSON.parse(text)
      expect(body.error.code).toBe('internal_error')
      expect(body.error.message).toContain(res.headers.get('x-request-id'))
    }
  })
})

describe('page errors', () => {
  it('renders a friendly 404 page for an unknown page', async () => {
    const res = await fetchApp('/no/such/page')
    expect(res.status).toBe(404)
    const html = await res.text()
    expect(html).toContain('Page not found')
    expect(html).toContain('<html lang="en">')
  })

  it('renders a friendly 500 page without details', async () => {
    const request = probeApp()
    const res = await request('/page/boom')
    expect(res.status).toBe(500)
    const html = await res.text()
    expect(html).toContain('Something went wrong on our side')
    expect(html).not.toContain('secret stack detail')
  })
})

describe('request ids and headers', () => {
  it('gives every response a request id, keeping a well-formed incoming one', async () => {
    const fresh = await fetchApp('/api/v1/health/live')
    expect(fresh.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
    const kept = await fetchApp('/api/v1/health/live', { headers: { 'X-Request-Id': 'trace-abc-12345' } })
    expect(kept.headers.get('x-request-id')).toBe('trace-abc-12345')
    const replaced = await fetchApp('/api/v1/health/live', {
      headers: { 'X-Request-Id': 'bad id with "injection" {}' },
    })
    expect(replaced.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/)
  })

  it('sends strict security headers', async () => {
    const res = await fetchApp('/')
    expect(res.headers.get('x-content-type-options')).toBe('nosniff')
    expect(res.headers.get('x-frame-options')).toBe('DENY')
    expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin')
    expect(res.headers.get('content-security-policy')).toContain("frame-ancestors 'none'")
    expect(res.headers.get('content-security-policy')).toContain("object-src 'none'")
  })
})
