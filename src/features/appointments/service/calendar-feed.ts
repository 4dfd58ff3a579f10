import { actorAuditStatement } from '../../../core/audit'
import { requireActor, type RequestContext } from '../../../core/context'
import { appLink } from '../../../core/mail/send'
import { NotFoundError } from '../../../lib/errors'
import { sha256Hex } from '../../../lib/hash'
import { randomToken } from '../../../lib/ids'
import { DAY_MS } from '../../../lib/time'
import { deleteCalendarFeedStatement, FEED_PAST_DAYS, feedStatements, replaceCalendarFeedStatement } from '../calendar-feed-queries'
import { feedIcs } from '../ics'
import { calendarEvent } from '../notify'

// A feed's address: the token is the only key (calendar apps cannot sign in), so it is long,
// random, stored only as a hash, shown once, and replaced or revoked by its owner.
const feedPath = (token: string) => `/calendar/${token}.ics`

/** A new private feed address for the caller (the old one, if any, stops working); shown once. */
export async function newCalendarFeed(ctx: RequestContext): Promise<{ url: string }> {
  const user = requireActor(ctx)
  const token = randomToken(32)
  await ctx.db.batch([
    replaceCalendarFeedStatement(ctx.db, { userId: user.id, tokenHash: await sha256Hex(token), now: ctx.now }),
    actorAuditStatement(ctx, { action: 'calendar_feed.created', entityType: 'user', entityId: user.id, subjectUserId: user.id }),
  ])
  return { url: appLink(ctx, feedPath(token)) }
}

/** Turns the caller's feed off; audited only when there was one. */
export async function removeCalendarFeed(ctx: RequestContext) {
  const user = requireActor(ctx)
  const removed = await deleteCalendarFeedStatement(ctx.db, user.id)
  if (removed.length) await actorAuditStatement(ctx, { action: 'calendar_feed.removed', entityType: 'user', entityId: user.id, subjectUserId: user.id })
}

/** The feed a token opens, as iCalendar text; an unknown, replaced or revoked token is a 404. */
export async function calendarFeed(ctx: RequestContext, token: string) {
  if (!/^[A-Za-z0-9_-]{20,100}$/.test(token)) throw new NotFoundError('No such calendar.')
  const since = new Date(ctx.now.getTime() - FEED_PAST_DAYS * DAY_MS)
  const [, [owner], rows] = await ctx.db.batch(feedStatements(ctx.db, await sha256Hex(token), since, ctx.now))
  if (!owner) throw new NotFoundError('No such calendar.')
  return feedIcs(`MediConnect: ${owner.name}`, rows.map((row) => calendarEvent(ctx, row)))
}
