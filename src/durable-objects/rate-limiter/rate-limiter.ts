import { DurableObject } from 'cloudflare:workers'

// `start` is the current fixed window's start (ms), `count` its allowed hits, `previous` the
// allowed hits of the window just before it.
type Window = { start: number; count: number; previous: number }

export type RateLimitResult = { allowed: boolean; remaining: number; retryAfterSeconds: number }

// One object per (bucket, key) — one IP on the login form, one account's sign-ins — so a limit
// holds across every Worker isolate: one object runs its calls one at a time, so a read and the
// write that follows it cannot interleave with another caller's.
//
// A sliding-window counter (the approximation Cloudflare's own rate limiting uses): the previous
// fixed window's count, weighted by how much of it still overlaps a window ending now, plus the
// current window's count. Two numbers of state, and no double burst at a window edge as a plain
// fixed window allows. Refused hits are not counted, so Retry-After is a promise that holds.
// State is in durable storage (the SQLite backend), so eviction forgets nothing.
export class RateLimiter extends DurableObject {
  // `now` exists for tests, which must never sleep; callers leave it to the clock.
  async hit(limit: number, windowSeconds: number, now = Date.now()): Promise<RateLimitResult> {
    return this.evaluate(limit, windowSeconds, now, true)
  }

  // Whether one more hit would be allowed, counting nothing: for limits on failures, which are
  // checked before the attempt and counted only when it fails.
  async peek(limit: number, windowSeconds: number, now = Date.now()): Promise<RateLimitResult> {
    return this.evaluate(limit, windowSeconds, now, false)
  }

  private async evaluate(limit: number, windowSeconds: number, now: number, count: boolean): Promise<RateLimitResult> {
    if (!Number.isInteger(limit) || limit < 1) {
      throw new RangeError('limit must be a positive integer')
    }
    if (!Number.isInteger(windowSeconds) || windowSeconds < 1) {
      throw new RangeError('windowSeconds must be a positive integer')
    }
    const windowMs = windowSeconds * 1000
    const at = Math.floor(now)
    const state = await this.current(windowMs, at)
    const elapsed = at - state.start
    // Counts scaled by windowMs, so the weighting is exact integer arithmetic (no float edge
    // where a client told to retry at T is refused at T).
    const weighted = state.previous * (windowMs - elapsed) + state.count * windowMs
    if (weighted + windowMs > limit * windowMs) {
      const retryAfterSeconds = retryAfter(state, limit, windowMs, at)
      return { allowed: false, remaining: 0, retryAfterSeconds }
    }
    if (!count) return { allowed: true, remaining: Math.floor((limit * windowMs - weighted) / windowMs), retryAfterSeconds: 0 }
    state.count++
    await this.ctx.storage.put('window', state)
    // Two windows after this one starts, nothing here counts any more.
    await this.ctx.storage.setAlarm(state.start + 2 * windowMs)
    const remaining = Math.floor((limit * windowMs - weighted - windowMs) / windowMs)
    return { allowed: true, remaining, retryAfterSeconds: 0 }
  }

  // After a success (a correct password, a good code) the failures counted against an account
  // are forgotten. With compatibility_date ≥ 2026-02-24, deleteAll also removes the alarm.
  async reset(): Promise<void> {
    await this.ctx.storage.deleteAll()
  }

  // Scheduled for when the last window no longer counts, and moved on by every later hit, so
  // whenever it fires the state is spent: an idle object leaves nothing in storage.
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

// The earliest whole second at which one more hit fits.
function retryAfter(state: Window, limit: number, windowMs: number, now: number): number {
  let at: number
  if (state.count < limit) {
    // Within this window, once enough of the previous one has slid out:
    // previous × (windowMs − elapsed) ≤ (limit − 1 − count) × windowMs.
    const room = (limit - 1 - state.count) * windowMs
    at = state.start + windowMs - Math.floor(room / state.previous)
  } else {
    // This window is full, and it carries into the next as `previous`: wait for the next window
    // and then for enough of this one to slide out:
    // count × (windowMs − x) ≤ (limit − 1) × windowMs.
    const room = (limit - 1) * windowMs
    at = state.start + 2 * windowMs - Math.floor(room / state.count)
  }
  return Math.max(1, Math.ceil((at - now) / 1000))
}
