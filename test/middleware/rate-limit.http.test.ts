import { env } from 'cloudflare:workers'
import { Hono } from 'hono'
import { describe, expect, it } from 'vitest'
import type { AppEnv } from '../../src/env'
import { handleError } from '../../src/error-handler'
import { RateLimitedError } from '../../src/lib/errors'
import { enforceRateLimit, rateLimitByIp } from '../../src/middleware/rate-limit'
import { requestId } from '../../src/middleware/request-id'
import { ORIGIN } from '../helpers/http'

type ErrorBody = { error: { code: string; message: string } }

// A small app from the production pieces (request id, error mapping) with one limited endpoint,
// on a bucket of its own so no other test shares its counts.
function limitedApp(limit: number) {
  const bucket = `test-${crypto.randomUUID()}`
  const app = new Hono<AppEnv>()
  app.use('*', requestId)
  const limited = rateLimitByIp(bucket, { limit, windowSeconds: 600 })
  app.post('/api/v1/limited', limited, (c) => c.json({ ok: true }))
  app.onError(handleError)
  return (ip?: string) => {
    const headers: Record<string, string> = ip ? { 'cf-connecting-ip': ip } : {}
    return app.request(new URL('/api/v1/limited', ORIGIN), { method: 'POST', headers }, env)
  }
}

describe('rateLimitByIp', () => {
  it('answers 429 rate_limited with Retry-After once an IP has used its limit', async () => {
    const request = limitedApp(3)
    for (let i = 0; i < 3; i++) expect((await request('203.0.113.7')).status).toBe(200)
    const res = await request('203.0.113.7')
    expect(res.status).toBe(429)
    const retryAfter = Number(res.headers.get('retry-after'))
    expect(Number.isInteger(retryAfter) && retryAfter > 0 && retryAfter <= 1200).toBe(true)
    const body = (await res.json()) as ErrorBody
    expect(body.error.code).toBe('rate_limited')
    expect(body.error.message).toEqual(expect.any(String))
  })

  it('limits each IP on its own', async () => {
    const request = limitedApp(1)
    expect((await request('203.0.113.8')).status).toBe(200)
    expect((await request('203.0.113.8')).status).toBe(429)
    expect((await request('2001:db8::8')).status).toBe(200)
  })

  it('puts requests without CF-Connecting-IP in one shared bucket', async () => {
    const request = limitedApp(1)
    expect((await request()).status).toBe(200)
    expect((await request()).status).toBe(429)
    expect((await request('203.0.113.9')).status).toBe(200)
  })
})

describe('enforceRateLimit', () => {
  it('passes under the limit and throws RateLimitedError with a retry time over it', async () => {
    const bucket = `test-${crypto.randomUUID()}`
    const limit = { limit: 2, windowSeconds: 900 }
    await enforceRateLimit(env, bucket, 'pat@example.test', limit)
    await enforceRateLimit(env, bucket, 'pat@example.test', limit)
    const err = await enforceRateLimit(env, bucket, 'pat@example.test', limit).catch(
      (e: unknown) => e,
    )
    expect(err).toBeInstanceOf(RateLimitedError)
    expect((err as RateLimitedError).retryAfterSeconds).toBeGreaterThan(0)
    await expect(enforceRateLimit(env, bucket, 'sam@example.test', limit)).resolves.toBeUndefined()
  })
})
