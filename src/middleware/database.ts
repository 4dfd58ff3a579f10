import { createMiddleware } from 'hono/factory'
import { createDb } from '../db/client'
import type { AppEnv } from '../env'

// A Drizzle handle per request. Creating one opens no connection (the HTTP client sends a request
// per round trip), so a database that comes back after an outage is used again at once.
export const database = createMiddleware<AppEnv>(async (c, next) => {
  c.set('db', createDb(c.env))
  await next()
})
