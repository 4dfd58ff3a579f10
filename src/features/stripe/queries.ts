import { eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { stripeEvents } from '../../db/schema'

export const eventSeenStatement = (db: Db, id: string) => db.select({ id: stripeEvents.id }).from(stripeEvents).where(eq(stripeEvents.id, id))

/** Records a webhook event; no row back when it was recorded before (then it is not acted on again). */
export const recordEventStatement = (db: Db, event: { id: string; type: string; createdAt: Date; receivedAt: Date }) =>
  db.insert(stripeEvents).values(event).onConflictDoNothing().returning({ id: stripeEvents.id })
