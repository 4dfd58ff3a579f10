import { createClient } from '@libsql/client/web'
import { drizzle } from 'drizzle-orm/libsql/web'
import type { BatchItem } from 'drizzle-orm/batch'
import * as schema from './schema'

export type Db = ReturnType<typeof createDb>
// What db.batch takes: statements built by queries modules, run in one round trip and transaction.
export type Statements = readonly [BatchItem<'sqlite'>, ...BatchItem<'sqlite'>[]]

// How long one database round trip may take before it counts as an outage (503): a database
// that accepts connections and then stalls must not hold every request for as long as it stalls.
const DEFAULT_DATABASE_TIMEOUT_MS = 4_000

function databaseTimeoutMs(configured: string | undefined): number {
  const ms = Number(configured)
  return Number.isFinite(ms) && ms >= 100 && ms <= 60_000 ? ms : DEFAULT_DATABASE_TIMEOUT_MS
}

// The production path to Turso: libSQL's HTTP protocol through the web client (no sockets, no
// files inside workerd), each round trip with a deadline. Locally TURSO_DATABASE_URL points at
// scripts/libsql-server.
export function createDb(env: { TURSO_DATABASE_URL: string; TURSO_AUTH_TOKEN?: string; DATABASE_TIMEOUT_MS?: string }) {
  const timeoutMs = databaseTimeoutMs(env.DATABASE_TIMEOUT_MS)
  const client = createClient({
    url: env.TURSO_DATABASE_URL,
    authToken: env.TURSO_AUTH_TOKEN || undefined,
    intMode: 'number',
    fetch: (request: Request) => fetch(request, { signal: AbortSignal.timeout(timeoutMs) }),
  })
  return drizzle(client, { schema, casing: 'snake_case' })
}
