import type { RequestContext } from '../../core/context'
import { callRoom } from '../../durable-objects/call-room/stub'
import { chatRoom } from '../../durable-objects/chat-room/stub'
import { notificationHub } from '../../durable-objects/notification-hub/stub'
import { describeError, log } from '../../lib/log'
import { userCallsStatement } from '../appointments/queries'
import { userConversationsStatement } from '../chat/queries'

/**
 * Tells the rooms where a user may have sockets open that sessions of theirs just ended, so each
 * re-checks that user's sockets at once and closes the dead ones (4003). Reaches their
 * notification hub, their most recent conversations and the calls around now; every room also re-checks its sockets every few
 * seconds, which covers anything this misses.
 */
export async function announceSessionsEnded(ctx: RequestContext, userId: string) {
  const [conversations, calls] = await ctx.db.batch([userConversationsStatement(ctx.db, userId), userCallsStatement(ctx.db, userId, ctx.now)])
  const notices = [
    notificationHub(ctx.env, userId).recheckUser(userId),
    ...conversations.map((c) => chatRoom(ctx.env, c.id).recheckUser(userId)),
    ...calls.map((a) => callRoom(ctx.env, a.id).recheckUser(userId)),
  ]
  for (const result of await Promise.allSettled(notices)) {
    if (result.status === 'rejected') log('warn', 'a room was not told of an ended session', { user_id: userId, ...describeError(result.reason) })
  }
}
