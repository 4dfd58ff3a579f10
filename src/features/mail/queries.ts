import { desc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { emailOutbox } from '../../db/schema'

// The development outbox, newest first.
export const recentOutboxStatement = (db: Db, limit = 50) => db.select().from(emailOutbox).orderBy(desc(emailOutbox.createdAt)).limit(limit)

// The newest message to one address (scripts and browser tests read their links from it).
export async function latestOutboxMessageTo(db: Db, address: string) {
  const [message] = await db.select().from(emailOutbox).where(eq(emailOutbox.toAddress, address)).orderBy(desc(emailOutbox.createdAt)).limit(1)
  return message
}
