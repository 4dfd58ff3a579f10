import { DurableObject } from 'cloudflare:workers'

type Window = { start: number; count: number; previous: number }

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number }

// One object per (bucket, key) — one IP on the login form, one account's sign-ins — so a limit
// holds across every Worker isolate. A sliding-window counter: the previous window's count,
// weighted by how much of it still overlaps the sliding window, plus the current count. Two
// numbers of state, no burst at window edges. Kept in durable storage so eviction forgets nothing.
export class RateLimiter extends DurableObject {
  async hit(limit: number, windowSeconds: number, now = Date.now()): Promise<RateLimitResult> {
    const windowMs = windowSeconds * 1000
    const state = await this.current(windowMs, now)
    const overlap = 1 - (now - state.start) / windowMs
    const estimate = state.previous * overlap + state.count
    if (estimate + 1 > limit) {
      // When enough of the previous window has slid out, or the current one ends.
      const waitMs = state.previous > 0 && state.count < limit
        ? Math.max(0, (1 - (limit - 1 - state.count) / state.previous) * windowMs - (now - state.start))
        : state.start + windowMs - now
      return { allowed: false, remaining: 0, retryAfterSeconds: Math.max(1, Math.ceil(waitMs / 1000)) }
    }
    state.count++
    await this.ctx.storage.put('window', state)
    // Nothing is worth keeping two windows after the last hit.
    await this.ctx.storage.setAlarm(state.start + 2 * windowMs)
    return { allowed: true, remaining: Math.max(0, Math.floor(limit - estimate - 1)), retryAfterSeconds: 0 }
  }

  // After a success (a correct password), the failures counted against an account are forgotten.
  async reset(): Promise<void> {
    await this.ctx.storage.deleteAll()
  }

  override async alarm(): Promise<void> {
    await this.ctx.storage.deleteAll()
  }

  private async current(windowMs: number, now: number): Promise<Window> {
    const stored = await this.ctx.storage.get<Window>('window')
    const start = now - (now % windowMs)
    if (!stored) return { start, count: 0, previous: 0 }
    if (stored.start === start) return stored
    // The window moved on: the old current becomes previous only if it was the one just before.
    return { start, count: 0, previous: stored.start === start - windowMs ? stored.count : 0 }
  }
}
