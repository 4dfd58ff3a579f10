import type { Context } from 'hono'
import { describeError, log } from './log'

// Cloudflare sets CF-Connecting-IP on every request it forwards; locally it is absent.
export function clientIp(c: Context): string | null {
  return c.req.header('cf-connecting-ip') ?? null
}

export function userAgent(c: Context): string | null {
  return c.req.header('user-agent')?.slice(0, 300) ?? null
}

// Work that must finish but need not delay the response (waitUntil). Outside a Worker invocation
// (a test calling app.request without an execution context) it runs on unawaited.
export function runAfterResponse(c: Context, promise: Promise<unknown>): void {
  // A failure here cannot reach the caller any more; it must at least reach the logs.
  const work = promise.catch((err) => log('error', 'background work failed', { request_id: c.get('requestId'), ...describeError(err) }))
  let waitUntil: ((p: Promise<unknown>) => void) | undefined
  try {
    const ctx = c.executionCtx
    waitUntil = ctx.waitUntil.bind(ctx)
  } catch {
    waitUntil = undefined
  }
  if (waitUntil) waitUntil(work)
  else void work
}
