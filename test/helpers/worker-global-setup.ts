// Global setup of the `worker` project (runs in Node, before workerd starts): a local libSQL
// server on a fresh database file, migrated, guarded by a bearer token as Turso is. Tests inside
// workerd reach it over HTTP through TURSO_DATABASE_URL, exactly as production reaches Turso.
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
  const secrets = localSecrets()
  project.provide('sessionSecret', secrets.SESSION_SECRET)
  project.provide('encryptionKeys', secrets.ENCRYPTION_KEYS)
  return async () => {
    await server.close()
    await rm(dir, { recursive: true, force: true })
  }
}
