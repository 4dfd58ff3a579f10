import { sql, type SQL } from 'drizzle-orm'
import { sessions, users } from '../db/schema'

// True (in SQL) while the session is live: not revoked, not past its idle or absolute end, and
// its account active. For statements that must not act for an ended session (a chat message
// stored from a socket), at no extra round trip.
export function sessionIsLive(sessionId: string, now: Date): SQL {
  return sql`exists (select 1 from ${sessions} join ${users} on ${users.id} = ${sessions.userId}
    where ${sessions.id} = ${sessionId} and ${sessions.revokedAt} is null and ${sessions.expiresAt} > ${now.getTime()}
      and ${sessions.idleExpiresAt} > ${now.getTime()} and ${users.status} = 'active')`
}
