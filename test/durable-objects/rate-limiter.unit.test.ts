import { env } from 'cloudflare:workers'
import { evictDurableObject, runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import type { RateLimiter } from '../../src/durable-objects/rate-limiter/rate-limiter'
import {
  rateLimit,
  rateLimiterName,
  resetRateLimit,
} from '../../src/durable-objects/rate-limiter/stub'

// A unique object per test, so no test sees another's counts.
const uniqueName = (label: string) => `${label}-${crypto.randomUUID()}`
const stubNamed = (name: string) => env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(name))
const stubFor = (label: string) => stubNamed(uniqueName(label))
const WINDOW = 60
const WINDOW_MS = WINDOW * 1000
// A window boundary (a multiple of 60 s), in the future so the alarms set never fire on their own.
const START = 1_800_000_000_000

const storedWindow = (stub: ReturnType<typeof stubNamed>) =>
  runInDurableObject(stub, (_instance, state) => state.storage.get('window'))
const storedAlarm = (stub: ReturnType<typeof stubNamed>) =>
  runInDurableObject(stub, (_instance, state) => state.storage.getAlarm())

describe('RateLimiter', () => {
  it('allows up to the limit, then refuses with a retry time', async () => {
    const limiter = stubFor('basic')
    const results = []
    for (let i = 0; i < 4; i++) results.push(await limiter.hit(3, WINDOW, START + i))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results.map((r) => r.remaining)).toEqual([2, 1, 0, 0])
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0)
  })

  it('answers a peek without counting it, refusing once the hits reach the limit', async () => {
    const limiter = stubFor('peek')
    for (let i = 0; i < 5; i++) expect((await limiter.peek(2, WINDOW, START + i)).allowed).toBe(true)
    await limiter.hit(2, WINDOW, START + 10)
    expect((await limiter.peek(2, WINDOW, START + 11)).allowed).toBe(true)
    await limiter.hit(2, WINDOW, START + 12)
    const full = await limiter.peek(2, WINDOW, START + 13)
    expect(full.allowed).toBe(false)
    expect(full.retryAfterSeconds).toBeGreaterThan(0)
  })

  it('does not count refused hits', async () => {
    const limiter = stubFor('refused')
    await limiter.hit(1, WINDOW, START)
    const first = await limiter.hit(1, WINDOW, START + 1000)
    for (let i = 0; i < 5; i++) await limiter.hit(1, WINDOW, START + 2000)
    const again = await limiter.hit(1, WINDOW, START + 2000)
    expect(again.retryAfterSeconds).toBe(first.retryAfterSeconds - 1)
    expect(await storedWindow(limiter)).toEqual({ start: START, count: 1, previous: 0 })
  })

  it('allows again in a window after the full one', async () => {
    const limiter = stubFor('new-window')
    for (let i = 0; i < 2; i++) await limiter.hit(2, WINDOW, START + i)
    expect((await limiter.hit(2, WINDOW, START + 10)).allowed).toBe(false)
    // Two windows on, nothing of the first counts.
    const later = await limiter.hit(2, WINDOW, START + 2 * WINDOW_MS)
    expect(later).toEqual({ allowed: true, remaining: 1, retryAfterSeconds: 0 })
  })

  it('lets the previous window slide out gradually', async () => {
    const limiter = stubFor('slide')
    for (let i = 0; i < 4; i++) await limiter.hit(4, WINDOW, START + i)
    // Just into the next window, nearly all of the previous one still counts…
    expect((await limiter.hit(4, WINDOW, START + WINDOW_MS + 1000)).allowed).toBe(false)
    // …a quarter of the way in, a quarter of it has slid out: room for exactly one more.
    const quarter = await limiter.hit(4, WINDOW, START + WINDOW_MS + WINDOW_MS / 4)
    expect(quarter).toEqual({ allowed: true, remaining: 0, retryAfterSeconds: 0 })
    expect((await limiter.hit(4, WINDOW, START + WINDOW_MS + WINDOW_MS / 4)).allowed).toBe(false)
  })

  // Regression: a full window carries into the next as `previous`, so "the end of this window"
  // was too early a promise (5 per 15 min said 15 min when the truth is 18).
  it('gives a Retry-After that is exact: refused a second before it, allowed at it', async () => {
    const cases = [
      { limit: 3, hits: [0, 1, 2], at: 5 }, // a full window: wait for the carry to slide out
      { limit: 3, hits: [0, 1, 61], at: 80 }, // room in this window once enough slides out
      { limit: 1, hits: [0], at: 0 }, // one per window: two window edges away
      { limit: 5, hits: [0, 0, 0, 0, 0], at: 0 }, // the login limit's shape, on a 60 s window
    ]
    for (const { limit, hits, at } of cases) {
      const name = uniqueName('exact')
      const limiter = stubNamed(name)
      for (const s of hits) {
        expect((await limiter.hit(limit, WINDOW, START + s * 1000)).allowed).toBe(true)
      }
      const refused = await limiter.hit(limit, WINDOW, START + at * 1000)
      expect(refused.allowed).toBe(false)
      const retryAt = START + (at + refused.retryAfterSeconds) * 1000
      expect((await limiter.hit(limit, WINDOW, retryAt - 1000)).allowed).toBe(false)
      expect((await limiter.hit(limit, WINDOW, retryAt)).allowed).toBe(true)
    }
  })

  it('keeps keys apart and forgets a key on reset', async () => {
    const a = stubFor('a')
    const b = stubFor('b')
    expect((await a.hit(1, WINDOW, START)).allowed).toBe(true)
    expect((await a.hit(1, WINDOW, START)).allowed).toBe(false)
    expect((await b.hit(1, WINDOW, START)).allowed).toBe(true)
    await a.reset()
    expect((await a.hit(1, WINDOW, START)).allowed).toBe(true)
  })

  it('clears its storage and its alarm on reset', async () => {
    const limiter = stubFor('reset')
    await limiter.hit(3, WINDOW, START)
    await limiter.reset()
    expect(await storedWindow(limiter)).toBeUndefined()
    expect(await storedAlarm(limiter)).toBeNull()
  })

  it('keeps its count in durable storage, across stubs and eviction', async () => {
    const name = uniqueName('durable')
    await stubNamed(name).hit(2, WINDOW, START)
    expect(await storedWindow(stubNamed(name))).toEqual({ start: START, count: 1, previous: 0 })
    // A fresh instance has no memory of the old one; only storage can remember the first hit.
    await evictDurableObject(stubNamed(name))
    expect((await stubNamed(name).hit(2, WINDOW, START + 1)).allowed).toBe(true)
    expect((await stubNamed(name).hit(2, WINDOW, START + 2)).allowed).toBe(false)
  })

  it('sets an alarm for when its state is spent, which clears it', async () => {
    const limiter = stubFor('alarm')
    await limiter.hit(5, WINDOW, START + 10_000)
    expect(await storedAlarm(limiter)).toBe(START + 2 * WINDOW_MS)
    expect(await runDurableObjectAlarm(limiter)).toBe(true)
    expect(await storedWindow(limiter)).toBeUndefined()
    expect(await runDurableObjectAlarm(limiter)).toBe(false)
  })

  it('refuses a limit or window that is not a positive integer', async () => {
    // Called on the instance: a rejection through the test pool's RPC wrapper is also logged
    // as uncaught, which would only be noise.
    const failures = await runInDurableObject(stubFor('invalid'), async (instance: RateLimiter) => {
      const failure = (limit: number, windowSeconds: number) =>
        instance.hit(limit, windowSeconds, START).then(
          () => undefined,
          (err: unknown) => err,
        )
      return [await failure(0, WINDOW), await failure(3, 0), await failure(3, 0.5)]
    })
    expect(failures).toEqual(Array(3).fill(expect.any(RangeError)))
  })
})

describe('rate limiter client', () => {
  it('addresses one object per bucket and key, and resets it', async () => {
    const bucket = uniqueName('bucket')
    const limit = { limit: 1, windowSeconds: 600 }
    expect((await rateLimit(env, { bucket, key: 'k', ...limit })).allowed).toBe(true)
    expect(await rateLimit(env, { bucket, key: 'k', ...limit })).toMatchObject({ allowed: false })
    expect((await rateLimit(env, { bucket, key: 'other', ...limit })).allowed).toBe(true)
    const otherBucket = uniqueName('bucket')
    expect((await rateLimit(env, { bucket: otherBucket, key: 'k', ...limit })).allowed).toBe(true)
    await resetRateLimit(env, bucket, 'k')
    expect((await rateLimit(env, { bucket, key: 'k', ...limit })).allowed).toBe(true)
  })

  it('names objects by a hash, so an email never appears in an object name', async () => {
    const bucket = uniqueName('login-account')
    const email = 'pat.private@example.test'
    await rateLimit(env, { bucket, key: email, limit: 5, windowSeconds: 900 })
    const name = await rateLimiterName(bucket, email)
    expect(name).toMatch(/^[0-9a-f]{64}$/)
    const seenInside = await runInDurableObject(stubNamed(name), async (_instance, state) => ({
      name: state.id.name,
      window: await state.storage.get('window'),
    }))
    expect(seenInside).toMatchObject({ name, window: { count: 1 } })
  })
})
