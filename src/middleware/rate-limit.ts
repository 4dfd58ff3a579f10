import { createMiddleware } from 'hono/factory'
import type { AppEnv, Bindings } from '../env'
import { peekRateLimit, rateLimit, type Limit } from '../durable-objects/rate-limiter/stub'
import { RateLimitedError } from '../lib/errors'
import { ipKey } from '../lib/ip'
import { clientIp } from '../lib/request-context'

// Counts one hit against `key` and throws 429 (Retry-After via the error handler) when it is over
// its limit. Services call this for per-account limits, where the key is only known after parsing.
export async function enforceRateLimit(
  env: Bindings,
  bucket: string,
  key: string,
  limit: Limit,
): Promise<void> {
  const result = await rateLimit(env, { bucket, key, ...limit })
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds)
}

// Limits on failures (wrong passwords): `refuseIfOverLimit` before the attempt, which counts
// nothing, and `countFailure` after one that failed. Successes cost nothing.
export async function refuseIfOverLimit(env: Bindings, bucket: string, key: string, limit: Limit): Promise<void> {
  const result = await peekRateLimit(env, { bucket, key, ...limit })
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds)
}

export async function countFailure(env: Bindings, bucket: string, key: string, limit: Limit): Promise<void> {
  await rateLimit(env, { bucket, key, ...limit })
}

// Per-address limit on a route (an IPv6 address counts by its /64: lib/ip.ts). Cloudflare always
// sends CF-Connecting-IP; without it (wrangler dev, tests) every caller shares one bucket.
export function rateLimitByIp(bucket: string, limit: Limit) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await enforceRateLimit(c.env, bucket, `ip:${ipKey(clientIp(c))}`, limit)
    await next()
  })
}
