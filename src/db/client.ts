import { createClient } from '@libsql/client/web'
import { drizzle } from 'drizzle-orm/libsql/web'
import type { BatchItem } from 'drizzle-orm/batch'
import * as schema from './schema'

export type Db = ReturnType<typeof createDb>
// What db.batch takes: statements built by queries modules, run in one round trip and transaction.
export type Statements = readonly [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]

// The production path to Turso: libSQL's HTTP protocol through the web client (no sockets, no
// files inside workerd). Locally TURSO_DATABASE_URL points at scripts/libsql-server.
export function createDb(env: { TURSO_DATABASE_URL: string; TURSO_AUTH_TOKEN?: string }) {
  const client = createClient({
    url: env.TURSO_DATABASE_URL,
    authToken: env.TURSO_AUTH_TOKEN || undefined,
    intMode: 'number',
  })
  return drizzle(client, { schema, casing: 'snake_case' })
}
