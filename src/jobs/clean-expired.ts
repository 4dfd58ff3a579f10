import type { Db } from '../db/client'
import { deleteExpiredStatements } from './queries'

/**
 * Deletes what has expired and purges old delivered email bodies (see deleteExpiredStatements)
 * in one round trip. Deleting is
 * idempotent, so running the job twice is harmless.
 */
export async function cleanExpired(db: Db, now = new Date()) {
  const results = await db.batch(deleteExpiredStatements(db, now))
  const [sessionsDeleted, keysDeleted, challengesDeleted, tokensDeleted, emailBodiesPurged, pushDeleted, textsPurged, phoneCodesDeleted] = results.map((r) => r.rowsAffected)
  return { sessionsDeleted, keysDeleted, challengesDeleted, tokensDeleted, emailBodiesPurged, pushDeleted, textsPurged, phoneCodesDeleted }
}
