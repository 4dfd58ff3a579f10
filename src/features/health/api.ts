import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { checkDatabase } from './service'

export const healthApi = new Hono<AppEnv>()

// Readiness: the database answers. 503 with database "unreachable" when it does not.
healthApi.get('/health', async (c) => {
  c.header('Cache-Control', 'no-store')
  const database = await checkDatabase(c.var.ctx)
  if (database === 'ok') return c.json({ status: 'ok', database }, 200)
  return c.json({ status: 'unavailable', database }, 503)
})

// Liveness: the Worker itself runs (no database work). Also the benchmarks' baseline route.
healthApi.get('/health/live', (c) => {
  c.header('Cache-Control', 'no-store')
  return c.json({ status: 'ok' })
})
