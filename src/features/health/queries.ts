import { sql } from 'drizzle-orm'
import type { Db } from '../../db/client'

// The cheapest statement the database must actually answer.
export const pingStatement = (db: Db) => db.run(sql`select 1`)
