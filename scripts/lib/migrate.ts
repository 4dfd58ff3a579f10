import { createClient } from '@libsql/client'
import { sql } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import { migrate } from 'drizzle-orm/libsql/migrator'
import { fileURLToPath } from 'node:url'

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../migrations', import.meta.url))

export type DatabaseTarget = { url: string; authToken?: string }

// Applies the migrations drizzle-kit generated that the database has not run yet, recording each
// in __drizzle_migrations; a second run finds nothing to do.
export async function migrateDatabase(target: DatabaseTarget) {
  const client = createClient({ url: target.url, authToken: target.authToken })
  try {
    const db = drizzle(client)
    const before = await countApplied(db)
    await migrate(db, { migrationsFolder: MIGRATIONS_FOLDER })
    const after = await countApplied(db)
    return { applied: after - before, total: after }
  } finally {
    client.close()
  }
}

async function countApplied(db: ReturnType<typeof drizzle>) {
  const table = await db.get<{ n: number }>(
    sql`select count(*) as n from sqlite_master where type = 'table' and name = '__drizzle_migrations'`,
  )
  if (!table?.n) return 0
  const row = await db.get<{ n: number }>(sql`select count(*) as n from __drizzle_migrations`)
  return Number(row?.n ?? 0)
}
