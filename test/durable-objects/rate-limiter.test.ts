import { env } from 'cloudflare:workers'
import { runDurableObjectAlarm, runInDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'

const stubFor = (name: string) => env.RATE_LIMITER.get(env.RATE_LIMITER.idFromName(`${name}-${crypto.randomUUID()}`))
const WINDOW = 60
const start = 1_800_000_000_000 // a window boundary (a multiple of 60 s)

describe('RateLimiter', () => {
  it('allows up to the limit, then refuses with a retry time', async () => {
    const limiter = stubFor('basic')
    const results = []
    for (let i = 0; i < 4; i++) results.push(await limiter.hit(3, WINDOW, start + i))
    expect(results.map((r) => r.allowed)).toEqual([true, true, true, false])
    expect(results[2]!.remaining).toBe(0)
    expect(results[3]!.retryAfterSeconds).toBeGreaterThan(0)
  })

  it('lets the previous window slide out gradually', async () => {
    const limiter = stubFor('slide')
    for (let i = 0; i < 4; i++) await limiter.hit(4, WINDOW, start + i)
    // Just into the next window, nearly all of the previous one still counts.
    expect((await limiter.hit(4, WINDOW, start + 61_000)).allowed).toBe(false)
    // Two windows later nothing counts.
    expect((await limiter.hit(4, WINDOW, start + 121_000)).allowed).toBe(true)
  })

  it('keeps keys apart and forgets a key on reset', async () => {
    const a = stubFor('a')
    const b = stubFor('b')
    expect((await a.hit(1, WINDOW, start)).allowed).toBe(true)
    expect((await a.hit(1, WINDOW, start)).allowed).toBe(false)
    expect((await b.hit(1, WINDOW, start)).allowed).toBe(true)
    await a.reset()
    expect((await a.hit(1, WINDOW, start)).allowed).toBe(true)
  })

  it('keeps its count in durable storage and clears it with the alarm', async () => {
    const limiter = stubFor('alarm')
    await limiter.hit(5, WINDOW, start)
    const stored = await runInDurableObject(limiter, (_instance, state) => state.storage.get('window'))
    expect(stored).toEqual({ start, count: 1, previous: 0 })
    expect(await runDurableObjectAlarm(limiter)).toBe(true)
    expect(await runInDurableObject(limiter, (_instance, state) => state.storage.get('window'))).toBeUndefined()
  })
})
