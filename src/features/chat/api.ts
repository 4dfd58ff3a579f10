import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../env'
import { chatRoom, joinChatRoom, requireWebSocketUpgrade } from '../../durable-objects/chat-room/stub'
import { UnauthorizedError } from '../../lib/errors'
import { runAfterResponse } from '../../lib/request-context'
import { jsonBody, queryParams } from '../../lib/validator'
import type { ChatUser } from './chat-user'
import { HistoryQuery, OpenConversationInput, PostMessageInput, ReadInput } from './schemas'
import { conversationHistory, getConversation, listConversations, markRead, openConversation, postMessage } from './service'
import { toApiConversation } from './present'
import { auditAgentRead } from './audit'

export const chatApi = new Hono<AppEnv>()

export function chatUser(c: Context<AppEnv>): ChatUser {
  const user = c.var.ctx.actor
  if (!user) throw new UnauthorizedError()
  return user
}

chatApi.get('/conversations', async (c) => c.json({ items: await listConversations(c.var.db, chatUser(c)), next_cursor: null }))

chatApi.post('/conversations', jsonBody(OpenConversationInput), async (c) => {
  const input = c.req.valid('json')
  const user = chatUser(c)
  const { conversation, created } = await openConversation(c.var.db, user, input.kind ? { support: true } : { appointmentId: input.appointment_id! })
  return c.json({ conversation: toApiConversation(conversation, user) }, created ? 201 : 200)
})

chatApi.get('/conversations/:id', async (c) => {
  const user = chatUser(c)
  return c.json({ conversation: toApiConversation(await getConversation(c.var.db, user, c.req.param('id')), user) })
})

chatApi.get('/conversations/:id/messages', queryParams(HistoryQuery), async (c) => {
  const page = c.req.valid('query')
  const user = chatUser(c)
  const history = await conversationHistory(c.var.db, user, c.req.param('id'), page)
  auditAgentRead(c, user, history)
  return c.json({ items: history.messages, next_cursor: history.nextBefore === null ? null : String(history.nextBefore) })
})

// The fallback to the WebSocket: stored like a socket's message, then shown on the live sockets.
chatApi.post('/conversations/:id/messages', jsonBody(PostMessageInput), async (c) => {
  const { client_id, body } = c.req.valid('json')
  const id = c.req.param('id')
  const { message, replayed } = await postMessage(c.var.db, chatUser(c), id, client_id, body)
  if (!replayed) runAfterResponse(c, chatRoom(c.env, id).deliver(message))
  return c.json({ message }, replayed ? 200 : 201)
})

chatApi.post('/conversations/:id/read', jsonBody(ReadInput), async (c) => {
  const user = chatUser(c)
  const id = c.req.param('id')
  await getConversation(c.var.db, user, id)
  const seq = await markRead(c.var.db, user, id, c.req.valid('json').seq)
  runAfterResponse(c, chatRoom(c.env, id).announceRead(user.id, seq))
  return c.body(null, 204)
})

// The live room. Authorised like any route (session cookie, with the CSRF origin check that
// upgrades get, or a Bearer token), and only for someone who may see the conversation.
chatApi.get('/conversations/:id/ws', async (c) => {
  requireWebSocketUpgrade(c)
  const user = chatUser(c)
  const conversation = await getConversation(c.var.db, user, c.req.param('id'))
  // A live room shows the history too (its sync frames): joining is the read that is logged.
  auditAgentRead(c, user, { conversation, subjectUserId: conversation.subjectUserId })
  return joinChatRoom(c, user, conversation.id)
})
