import { env } from 'cloudflare:workers'
import { createDb } from '../../src/db/client'

// The same Drizzle client the app uses, over HTTP to the test database.
export function testDb() {
  return createDb(env)
}
