import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'
import { log } from '../lib/log'

// One line per request. The path is logged without its query string, which may carry tokens.
export const accessLog = createMiddleware<AppEnv>(async (c, next) => {
  const started = Date.now()
  await next()
  log(c.res.status >= 500 ? 'error' : 'info', 'request', {
    request_id: c.var.requestId,
    method: c.req.method,
    path: c.req.path,
    status: c.res.status,
    duration_ms: Date.now() - started,
  })
})
