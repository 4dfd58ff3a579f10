import { createMiddleware } from 'hono/factory'
import type { Bindings } from '../env'
import type { AppEnv } from '../env'
import { rateLimit, type Limit } from '../durable-objects/rate-limiter/stub'
import { RateLimitedError } from '../lib/errors'
import { clientIp } from '../lib/request-context'

// Throws 429 (with Retry-After, via the error handler) when the key has used up its limit.
export async function enforceRateLimit(env: Bindings, bucket: string, key: string, limit: Limit) {
  const result = await rateLimit(env, bucket, key, limit)
  if (!result.allowed) throw new RateLimitedError(result.retryAfterSeconds)
}

// Per-IP limit on a route. Cloudflare always sends CF-Connecting-IP; without it (wrangler dev)
// every caller shares one bucket, which is still a limit.
export function rateLimitByIp(bucket: string, limit: Limit) {
  return createMiddleware<AppEnv>(async (c, next) => {
    await enforceRateLimit(c.env, bucket, `ip:${clientIp(c) ?? 'unknown'}`, limit)
    await next()
  })
}
