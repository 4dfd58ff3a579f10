// npm run dev — the whole stack on this machine, no account and no network: the local libSQL
// server (the same HTTP protocol as Turso) on a file under .data/, migrated and seeded on first
// run, and `wrangler dev` serving the Worker. Ctrl-C stops both.
import { startDatabaseProcess } from './lib/database-process'
import { localConfig } from './lib/local-config'
import { DEMO_PASSWORD } from './lib/seed'
import { startLocalStack } from './lib/stack'
import { runCronsOnSchedule } from './lib/dev-crons'

let databasePid = 0
const stack = await startLocalStack({
  seed: true,
  databasePath: localConfig.databasePath,
  databasePort: localConfig.databasePort,
  appPort: localConfig.appPort,
  persistTo: '.data/wrangler',
  secretsFile: '.data/dev-secrets.env',
  inheritOutput: true,
  log: console.log,
  // Its own process, so it can be stopped alone to see the app through an outage.
  startDatabase: async (options) => {
    const database = await startDatabaseProcess(options)
    databasePid = database.pid
    return database
  },
})
const stopCrons = runCronsOnSchedule(stack.appUrl, console.log)
console.log(`
MediConnect is running on ${stack.appUrl}
  demo accounts (password "${DEMO_PASSWORD}"): admin@demo.test, dr.ada@demo.test, pat.sam@demo.test
  health: ${stack.appUrl}/api/v1/health
  crons run on schedule (reminders, expiring requests every 5 minutes); run one now with
    curl "${stack.appUrl}/__scheduled?cron=*/5+*+*+*+*"
  the database runs as process ${databasePid}: stop it alone (kill ${databasePid}) to see an outage,
  and start it again with npm run db:server
Press Ctrl-C to stop.`)

let stopping = false
async function shutdown(code: number) {
  if (stopping) return
  stopping = true
  stopCrons()
  await stack.stop()
  process.exit(code)
}
process.on('SIGINT', () => void shutdown(0))
process.on('SIGTERM', () => void shutdown(0))
stack.app.process.once('exit', (code) => void shutdown(code ?? 1))
