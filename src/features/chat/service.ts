import { auditStatement } from '../../core/audit'
import { requestOrigin, requireActor, type RequestContext } from '../../core/context'
import { sessionIsLive } from '../../core/session-queries'
import type { ChatAccess } from '../../durable-objects/chat-room/protocol'
import { chatRoom } from '../../durable-objects/chat-room/stub'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { enforceRateLimit } from '../../middleware/rate-limit'
import { NotFoundError, SessionEndedError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { ChatUser } from './chat-user'
import { toApiConversation, toApiMessage } from './present'
import {
  conversationListStatement,
  conversationStatement,
  insertMessageStatement,
  markReadStatement,
  messageByClientIdStatement,
  messagesStatement,
  openAppointmentConversationStatements,
  openSupportConversationStatements,
  ownSeqSql,
  readableSeqSql,
  readMarksStatement,
  readMarkStatement,
  touchConversationStatement,
  type ConversationRow,
} from './queries'

const LIST_LIMIT = 100
// What a room sends back at most for one `sync` frame.
const SYNC_LIMIT = 200

/** The caller's conversations, newest first, with unread counts. */
export async function listConversations(ctx: RequestContext) {
  const user = requireActor(ctx)
  const rows = await conversationListStatement(ctx.db, user, LIST_LIMIT)
  return rows.map((row) => toApiConversation(row, user))
}

/** One conversation the caller may see; 404 for any other. */
export async function getConversation(ctx: RequestContext, conversationId: string) {
  const [row] = await conversationStatement(ctx.db, requireActor(ctx), conversationId)
  if (!row) throw new NotFoundError('No such conversation.')
  return row
}

/**
 * A page of a conversation's history with the conversation itself and the other side's read
 * marks, in one round trip. A support agent reading someone's conversation is access to another
 * person's (possibly medical) words, so it is audit-logged; the parties reading their own are not.
 */
export async function conversationHistory(ctx: RequestContext, input: { conversationId: string; before?: number; after?: number; limit: number }) {
  const user = requireActor(ctx)
  const { conversationId, ...page } = input
  const [[row], rows, marks] = await ctx.db.batch([
    conversationStatement(ctx.db, user, conversationId),
    messagesStatement(ctx.db, conversationId, page),
    readMarksStatement(ctx.db, conversationId, user.id),
  ])
  if (!row) throw new NotFoundError('No such conversation.')
  // A poll that brought nothing new revealed nothing.
  if (page.after === undefined || rows.length > 0) auditAgentRead(ctx, user, { conversationId: row.id, subjectUserId: row.subjectUserId })
  const oldest = page.after === undefined ? rows.at(-1)?.seq : undefined
  return {
    conversation: toApiConversation(row, user),
    messages: rows.map(toApiMessage),
    // Older history exists when a full page came back and it did not reach seq 1.
    nextBefore: rows.length === page.limit && oldest !== undefined && oldest > 1 ? oldest : null,
    othersReadSeq: Math.max(0, ...marks.map((m) => m.lastReadSeq)),
  }
}

/** Joining a conversation's live room shows its history (the room's sync frames): the read that is audited. */
export async function joinConversation(ctx: RequestContext, conversationId: string) {
  const user = requireActor(ctx)
  const conversation = await getConversation(ctx, conversationId)
  auditAgentRead(ctx, user, { conversationId: conversation.id, subjectUserId: conversation.subjectUserId })
  return { conversation, access: accessOf(user, conversation) }
}

// The right by which the user is in the conversation (as visibleTo grants it): the room holds
// the socket only while that right lasts.
function accessOf(user: ChatUser, conversation: ConversationRow): ChatAccess {
  if (conversation.subjectUserId === user.id) return 'party'
  return user.doctorId && conversation.doctorUserId === user.id ? 'doctor' : 'support'
}

function auditAgentRead(ctx: RequestContext, reader: ChatUser, read: { conversationId: string; subjectUserId: string }) {
  if (reader.role !== 'admin' || read.subjectUserId === reader.id) return
  ctx.background(
    auditStatement(ctx.db, {
      action: 'conversation.read',
      actorUserId: reader.id,
      actorRole: reader.role,
      entityType: 'conversation',
      entityId: read.conversationId,
      subjectUserId: read.subjectUserId,
      ...requestOrigin(ctx),
    }).execute(),
  )
}

/**
 * The conversation of an appointment (made on first use), or the caller's support conversation.
 * Only the appointment's own patient or acting doctor gets one; anyone else is told it does not exist.
 */
export async function openConversation(ctx: RequestContext, target: { appointmentId: string } | { support: true }) {
  const user = requireActor(ctx)
  const at = ctx.now.getTime()
  const id = newId('cnv')
  if ('support' in target) {
    const [inserted, , [existing]] = await ctx.db.batch(openSupportConversationStatements(ctx.db, user.id, id, at))
    return { conversation: await getConversation(ctx, existing!.id), created: inserted.rowsAffected > 0 }
  }
  const [inserted, , , [row]] = await ctx.db.batch(openAppointmentConversationStatements(ctx.db, user, target.appointmentId, id, at))
  if (!row) throw new NotFoundError('No such appointment.')
  return { conversation: row, created: inserted.rowsAffected > 0 }
}

/**
 * Stores a message (or finds the one this client id already stored) and returns it: the write,
 * the room's timestamp, the sender's own read mark and the read-back are one batch. The trusted
 * path for a room, whose member the Worker already authorised; `replayed` marks a resend.
 */
export async function storeMessage(ctx: RequestContext, input: { senderId: string; conversationId: string; clientId: string; body: string; sessionId?: string }) {
  const { senderId, conversationId, clientId, body } = input
  const id = newId('msg')
  // From a socket, the message is stored only while the session that opened it is live.
  const onlyIf = input.sessionId ? sessionIsLive(input.sessionId, ctx.now) : undefined
  const [, , , [row]] = await ctx.db.batch([
    insertMessageStatement(ctx.db, { id, conversationId, senderId, clientId, body, createdAt: ctx.now }, onlyIf),
    touchConversationStatement(ctx.db, conversationId, ctx.now),
    markReadStatement(ctx.db, conversationId, senderId, ownSeqSql(conversationId, senderId, clientId), ctx.now),
    messageByClientIdStatement(ctx.db, conversationId, senderId, clientId),
  ])
  if (!row) throw new SessionEndedError()
  return { message: toApiMessage(row), replayed: row.id !== id }
}

/** The HTTP fallback to the socket: the caller is checked against the conversation, the message stored, then shown on the live sockets. */
export async function postMessage(ctx: RequestContext, input: { conversationId: string; clientId: string; body: string }) {
  const user = requireActor(ctx)
  await enforceRateLimit(ctx.env, 'message-user', user.id, LIMITS.messageUser)
  await getConversation(ctx, input.conversationId)
  const stored = await storeMessage(ctx, { senderId: user.id, ...input })
  if (!stored.replayed) ctx.background(chatRoom(ctx.env, input.conversationId).deliver(stored.message))
  return stored
}

/** Marks a conversation read up to `seq` (never past its last message, never backwards); the trusted path for a room's member. */
export async function markRead(ctx: RequestContext, input: { userId: string; conversationId: string; seq: number }) {
  const { userId, conversationId, seq } = input
  const [, [mark]] = await ctx.db.batch([
    markReadStatement(ctx.db, conversationId, userId, readableSeqSql(conversationId, seq), ctx.now),
    readMarkStatement(ctx.db, conversationId, userId),
  ])
  return mark?.lastReadSeq ?? 0
}

/** The caller's read mark over HTTP (after checking they may see the conversation), announced on the live sockets. */
export async function markReadAndAnnounce(ctx: RequestContext, input: { conversationId: string; seq: number }) {
  const user = requireActor(ctx)
  await getConversation(ctx, input.conversationId)
  const seq = await markRead(ctx, { userId: user.id, ...input })
  await chatRoom(ctx.env, input.conversationId).announceRead(user.id, seq)
  return seq
}

/** Messages after a seq, oldest first, for a room's `sync` frame; `more` when the page was full. */
export async function messagesAfter(ctx: RequestContext, input: { conversationId: string; after: number }) {
  const rows = await messagesStatement(ctx.db, input.conversationId, { after: input.after, limit: SYNC_LIMIT + 1 })
  return { messages: rows.slice(0, SYNC_LIMIT).map(toApiMessage), more: rows.length > SYNC_LIMIT }
}

/**
 * A conversation as its page shows it: the latest history (one batch), with the reader's mark
 * moved to the newest message after the response, so reading costs the reader nothing.
 */
export async function readConversation(ctx: RequestContext, input: { conversationId: string; before?: number; after?: number; limit: number }) {
  const history = await conversationHistory(ctx, input)
  const newest = input.after === undefined ? history.messages[0]?.seq : history.messages.at(-1)?.seq
  if (input.before === undefined && newest !== undefined) ctx.background(markReadAndAnnounce(ctx, { conversationId: input.conversationId, seq: newest }))
  return history
}
