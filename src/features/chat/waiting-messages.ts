import { batchGroups } from '../../core/batch-groups'
import type { RequestContext } from '../../core/context'
import { appLink } from '../../core/mail/send'
import { noticeStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { MINUTE_MS } from '../../lib/time'
import { waitingMessagesMessage } from '../mail/templates'
import { conversationPath, notToldYet, waitingMessagesStatement } from './queries'

// Messages unread this long are worth a notice: someone reading the conversation reads them at
// once (its page marks them read), so a message left this long means the person is away.
export const MESSAGE_WAIT_MS = 10 * MINUTE_MS

/**
 * One notice per person and conversation for messages waiting unread (never one per message):
 * a conversation is told of again only after new messages arrive once the last notice was made.
 * Each notice is written only if nobody told the person meanwhile, so overlapping runs tell once.
 */
export async function notifyWaitingMessages(ctx: RequestContext, bounds = { perRun: 500 }) {
  const waiting = await waitingMessagesStatement(ctx.db, ctx.now, MESSAGE_WAIT_MS, bounds.perRun)
  if (waiting.length === 0) return { told: 0 }
  const groups = waiting.map((w) => {
    const link = conversationPath(w.conversationId)
    const email = waitingMessagesMessage({ name: w.name, senders: w.senders, link: appLink(ctx, link) })
    const notice: Notice = { userId: w.userId, kind: 'message', title: `New messages from ${w.senders}`, link, email: { to: w.email, ...email } }
    return { notice, statements: noticeStatements(ctx, notice, notToldYet(w.userId, w.conversationId, w.since)) }
  })
  const told = (await batchGroups(ctx.db, groups)).map((g) => g.notice)
  afterNotices(ctx, told)
  return { told: told.length }
}
