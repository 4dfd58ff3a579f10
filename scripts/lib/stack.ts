import { mkdir, mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { startLibsqlServer, type LibsqlServer } from '../libsql-server/server'
import { migrateDatabase } from './migrate'
import { localSecrets } from './local-secrets'
import { freePort } from './ports'
import { seedDatabase } from './seed'
import { startWranglerDev, type WranglerDev } from './wrangler-dev'

// The database server the stack talks to: in this process (tests, benchmarks), or a process of
// its own (npm run dev), which only needs to say where it listens and how to stop it.
export type StackDatabase = Pick<LibsqlServer, 'url' | 'close'>

export type LocalStack = {
  appUrl: string
  database: StackDatabase
  app: WranglerDev
  databasePath: string
  stop(): Promise<void>
}

// The local libSQL server, migrated (and seeded if asked), and `wrangler dev` pointed at it.
// Without a databasePath the database lives in a temporary folder removed by stop(); without
// ports both listen on free ones. Used by npm run dev, the e2e tests and the benchmarks.
export async function startLocalStack(options: {
  seed: boolean
  databasePath?: string
  databasePort?: number
  appPort?: number
  persistTo?: string
  // Where local secrets are kept between runs (an .env file); by default beside the database.
  secretsFile?: string
  inheritOutput?: boolean
  log?: (line: string) => void
  // Starts the database server (default: in this process).
  startDatabase?: (options: { path: string; port: number }) => Promise<StackDatabase>
}): Promise<LocalStack> {
  const log = options.log ?? (() => {})
  const tempDir = options.databasePath ? undefined : await mkdtemp(join(tmpdir(), 'mediconnect-'))
  const databasePath = options.databasePath ?? join(tempDir!, 'mediconnect.db')
  await mkdir(dirname(databasePath), { recursive: true })

  const database: StackDatabase = options.startDatabase
    ? await options.startDatabase({ path: databasePath, port: options.databasePort ?? (await freePort()) })
    : await startLibsqlServer({ path: databasePath, port: options.databasePort ?? 0 })
  log(`database: libSQL on ${database.url} (file ${databasePath})`)
  const removeTemp = async () => {
    if (tempDir) await rm(tempDir, { recursive: true, force: true })
  }
  try {
    const migrations = await migrateDatabase({ url: database.url })
    log(`database: ${migrations.applied} migration(s) applied, ${migrations.total} in all`)
    const secretsFile = options.secretsFile ?? join(dirname(databasePath), 'secrets.env')
    const secrets = localSecrets(secretsFile)
    if (options.seed) {
      const seed = await seedDatabase({ url: database.url }, secrets.ENCRYPTION_KEYS)
      log(seed.seeded ? 'database: demo data created' : 'database: demo data already present')
    }
    const port = options.appPort ?? (await freePort())
    // Passkeys need a host name, not an IP: WebAuthn's relying party for local work is localhost.
    const app = await startWranglerDev({
      port,
      vars: {
        TURSO_DATABASE_URL: database.url,
        APP_ENV: 'development',
        APP_ORIGIN: `http://localhost:${port}`,
        WEBAUTHN_RP_ID: 'localhost',
        // Push services want a contact; the keys themselves come from the secrets file.
        VAPID_SUBJECT: 'mailto:dev@localhost.invalid',
      },
      envFile: secretsFile,
      persistTo: options.persistTo ?? (tempDir ? join(tempDir, 'wrangler') : undefined),
      inheritOutput: options.inheritOutput,
    })
    const stack: LocalStack = {
      appUrl: app.url,
      database,
      app,
      databasePath,
      async stop() {
        await app.stop()
        // A test may have replaced the database server (outage and recovery): close the current one.
        await stack.database.close()
        await removeTemp()
      },
    }
    return stack
  } catch (err) {
    await database.close()
    await removeTemp()
    throw err
  }
}
