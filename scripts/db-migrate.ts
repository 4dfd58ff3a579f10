// npm run db:migrate — applies pending migrations to TURSO_DATABASE_URL (with TURSO_AUTH_TOKEN),
// or to the local libSQL server of `npm run dev` when it is not set.
import { databaseTarget } from './lib/local-config'
import { migrateDatabase } from './lib/migrate'

const target = databaseTarget()
console.log(`migrating ${target.url}`)
const result = await migrateDatabase(target)
console.log(
  result.applied === 0
    ? `migrations: up to date (${result.total} applied before)`
    : `migrations: applied ${result.applied}, ${result.total} in all`,
)
