import type { Bindings } from '../../env'
import { sha256Hex } from '../../lib/hash'
import type { RateLimitResult } from './rate-limiter'

export type Limit = { limit: number; windowSeconds: number }

export type RateLimitRequest = Limit & {
  // What is limited ('login-account', 'register'…): one bucket's counts never touch another's.
  bucket: string
  // Who is limited within the bucket: an IP, an email, a user id.
  key: string
}

// Object names are hashed: keys are emails and IPs, and an object's name shows up in ids, logs
// and the dashboard. Every key is hashed, so no caller has to decide which ones are personal.
export async function rateLimiterName(bucket: string, key: string): Promise<string> {
  return sha256Hex(`${bucket}:${key}`)
}

async function limiterFor(env: Bindings, bucket: string, key: string) {
  return env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(await rateLimiterName(bucket, key)))
}

export async function rateLimit(
  env: Bindings,
  request: RateLimitRequest,
): Promise<RateLimitResult> {
  const limiter = await limiterFor(env, request.bucket, request.key)
  return limiter.hit(request.limit, request.windowSeconds)
}

// Whether one more hit would be allowed, counting nothing.
export async function peekRateLimit(env: Bindings, request: RateLimitRequest): Promise<RateLimitResult> {
  const limiter = await limiterFor(env, request.bucket, request.key)
  return limiter.peek(request.limit, request.windowSeconds)
}

export async function resetRateLimit(env: Bindings, bucket: string, key: string): Promise<void> {
  await (await limiterFor(env, bucket, key)).reset()
}
