import { Hono } from 'hono'
import { requireActor } from '../../core/context'
import type { AppEnv } from '../../env'
import { joinChatRoom, requireWebSocketUpgrade } from '../../durable-objects/chat-room/stub'
import { jsonBody, queryParams } from '../../lib/validator'
import { HistoryQuery, OpenConversationInput, PostMessageInput, ReadInput } from './schemas'
import { conversationHistory, getConversation, joinConversation, listConversations, markReadAndAnnounce, openConversation, postMessage } from './service'
import { toApiConversation } from './present'

export const chatApi = new Hono<AppEnv>()

chatApi.get('/conversations', async (c) => c.json({ items: await listConversations(c.var.ctx), next_cursor: null }))

chatApi.post('/conversations', jsonBody(OpenConversationInput), async (c) => {
  const input = c.req.valid('json')
  const { conversation, created } = await openConversation(c.var.ctx, input.kind ? { support: true } : { appointmentId: input.appointment_id! })
  return c.json({ conversation: toApiConversation(conversation, requireActor(c.var.ctx)) }, created ? 201 : 200)
})

chatApi.get('/conversations/:id', async (c) => {
  return c.json({ conversation: toApiConversation(await getConversation(c.var.ctx, c.req.param('id')), requireActor(c.var.ctx)) })
})

chatApi.get('/conversations/:id/messages', queryParams(HistoryQuery), async (c) => {
  const history = await conversationHistory(c.var.ctx, { conversationId: c.req.param('id'), ...c.req.valid('query') })
  return c.json({ items: history.messages, next_cursor: history.nextBefore === null ? null : String(history.nextBefore) })
})

// The fallback to the WebSocket: stored like a socket's message, then shown on the live sockets.
chatApi.post('/conversations/:id/messages', jsonBody(PostMessageInput), async (c) => {
  const { client_id, body } = c.req.valid('json')
  const { message, replayed } = await postMessage(c.var.ctx, { conversationId: c.req.param('id'), clientId: client_id, body })
  return c.json({ message }, replayed ? 200 : 201)
})

chatApi.post('/conversations/:id/read', jsonBody(ReadInput), async (c) => {
  await markReadAndAnnounce(c.var.ctx, { conversationId: c.req.param('id'), seq: c.req.valid('json').seq })
  return c.body(null, 204)
})

// The live room. Authorised like any route (session cookie, with the CSRF origin check that
// upgrades get, or a Bearer token), and only for someone who may see the conversation.
chatApi.get('/conversations/:id/ws', async (c) => {
  requireWebSocketUpgrade(c)
  const { conversation, access } = await joinConversation(c.var.ctx, c.req.param('id'))
  return joinChatRoom(c, { user: requireActor(c.var.ctx), conversationId: conversation.id, sessionId: c.var.ctx.sessionId!, access })
})
