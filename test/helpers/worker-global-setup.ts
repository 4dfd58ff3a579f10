// Global setup of the `worker` project (runs in Node, before workerd starts): a local libSQL
// server on a fresh database file, migrated, guarded by a bearer token as Turso is. Tests inside
// workerd reach it over HTTP through TURSO_DATABASE_URL, exactly as production reaches Turso.
import { createServer, type Socket } from 'node:net'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TestProject } from 'vitest/node'
import { startLibsqlServer } from '../../scripts/libsql-server/server'
import { localSecrets } from '../../scripts/lib/local-secrets'
import { migrateDatabase } from '../../scripts/lib/migrate'
import { randomToken } from '../../src/lib/ids'

export default async function setup(project: TestProject) {
  const dir = await mkdtemp(join(tmpdir(), 'mediconnect-worker-'))
  const authToken = randomToken()
  const server = await startLibsqlServer({ path: join(dir, 'test.db'), port: 0, authToken })
  await migrateDatabase({ url: server.url, authToken })
  project.provide('databaseUrl', server.url)
  project.provide('databaseToken', authToken)
  // A database that accepts connections and never answers: what a stalled Turso looks like.
  const held: Socket[] = []
  const stalled = createServer((socket) => void held.push(socket))
  await new Promise<void>((resolve) => stalled.listen(0, '127.0.0.1', resolve))
  project.provide('stalledDatabaseUrl', `http://127.0.0.1:${(stalled.address() as { port: number }).port}`)
  const secrets = localSecrets()
  project.provide('sessionSecret', secrets.SESSION_SECRET)
  project.provide('encryptionKeys', secrets.ENCRYPTION_KEYS)
  return async () => {
    for (const socket of held) socket.destroy()
    await new Promise((resolve) => stalled.close(resolve))
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
}
