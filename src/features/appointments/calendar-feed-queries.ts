import { and, asc, eq, gte, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, calendarFeeds, doctors, users } from '../../db/schema'
import { newId } from '../../lib/ids'
import { appointmentSelect } from './queries'

// How much a feed carries: the recent past (so a visit just held stays visible) and all that is
// to come, at most FEED_LIMIT appointments.
export const FEED_PAST_DAYS = 30
const FEED_LIMIT = 500

export function calendarFeedStatement(db: Db, userId: string) {
  return db.select({ createdAt: calendarFeeds.createdAt, lastFetchedAt: calendarFeeds.lastFetchedAt }).from(calendarFeeds).where(eq(calendarFeeds.userId, userId))
}

// One feed per person: a new link replaces the token of the old one, which stops working.
export function replaceCalendarFeedStatement(db: Db, feed: { userId: string; tokenHash: string; now: Date }) {
  return db
    .insert(calendarFeeds)
    .values({ id: newId('cal'), userId: feed.userId, tokenHash: feed.tokenHash, createdAt: feed.now })
    .onConflictDoUpdate({ target: calendarFeeds.userId, set: { tokenHash: feed.tokenHash, createdAt: feed.now, lastFetchedAt: null } })
}

export function deleteCalendarFeedStatement(db: Db, userId: string) {
  return db.delete(calendarFeeds).where(eq(calendarFeeds.userId, userId)).returning({ id: calendarFeeds.id })
}

/**
 * A feed read by its token, in one batch: the fetch is noted on the feed, its owner read, and
 * their appointments (as patient or as doctor) from `since` on. An unknown token finds no owner
 * and no appointments.
 */
export function feedStatements(db: Db, tokenHash: string, since: Date, now: Date) {
  // The feed's owner while their account is active: a deactivated account's feed goes dark.
  const owner = sql`(select ${calendarFeeds.userId} from ${calendarFeeds} join ${users} on ${users.id} = ${calendarFeeds.userId}
    where ${calendarFeeds.tokenHash} = ${tokenHash} and ${users.status} = 'active')`
  return [
    db.update(calendarFeeds).set({ lastFetchedAt: now }).where(eq(calendarFeeds.tokenHash, tokenHash)),
    db.select({ name: users.name }).from(users).where(eq(users.id, owner)),
    appointmentSelect(db)
      .where(and(or(eq(appointments.patientId, owner), eq(doctors.userId, owner)), gte(appointments.endAt, since)))
      .orderBy(asc(appointments.startAt), asc(appointments.id))
      .limit(FEED_LIMIT),
  ] as const
}
