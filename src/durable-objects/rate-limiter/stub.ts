import type { Bindings } from '../../env'
import { sha256Hex } from '../../lib/hash'
import type { RateLimitResult } from './rate-limiter'

export type Limit = { limit: number; windowSeconds: number }

// Object names are hashed: an email or IP never appears in a Durable Object id or a log.
async function limiterFor(env: Bindings, bucket: string, key: string) {
  return env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(await sha256Hex(`${bucket}:${key}`)))
}

export async function rateLimit(env: Bindings, bucket: string, key: string, { limit, windowSeconds }: Limit): Promise<RateLimitResult> {
  return (await limiterFor(env, bucket, key)).hit(limit, windowSeconds)
}

export async function resetRateLimit(env: Bindings, bucket: string, key: string): Promise<void> {
  await (await limiterFor(env, bucket, key)).reset()
}
