import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../env'

// A caller-supplied id is kept only if it is short and plain, so it cannot forge log lines.
const ACCEPTABLE_ID = /^[A-Za-z0-9._-]{8,64}$/

export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header('x-request-id')
  const id = incoming && ACCEPTABLE_ID.test(incoming) ? incoming : crypto.randomUUID()
  c.set('requestId', id)
  c.header('X-Request-Id', id)
  await next()
})
