import { Hono, type Context } from 'hono'
import { ChatForm, ChatPanel, ConversationsPage, MessageItem, MessagesUpdate, type ChatView } from '../../../views/chat/chat-panel'
import { chatRoom } from '../../durable-objects/chat-room/stub'
import type { AppEnv } from '../../env'
import { isHtmx, refusalOf, renderView, type ViewStatus } from '../../lib/htmx'
import { newId } from '../../lib/ids'
import { runAfterResponse } from '../../lib/request-context'
import { formFields } from '../../lib/validator'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { chatUser } from './api'
import { auditAgentRead } from './audit'
import { HistoryQuery, PostMessageInput } from './schemas'
import { conversationHistory, listConversations, markRead, openConversation, postMessage } from './service'

export const chatRoutes = new Hono<AppEnv>()

const PAGE_SIZE = 50
const newClientId = () => newId('c')

chatRoutes.get('/conversations', async (c) => {
  const items = await listConversations(c.var.db, chatUser(c))
  return renderView(c, { title: 'Messages', body: <ConversationsPage items={items} timezone={viewerTimeZone(c, 'UTC').timezone} /> })
})

chatRoutes.post('/conversations/support', async (c) => {
  const { conversation } = await openConversation(c.var.db, chatUser(c), { support: true })
  return c.redirect(`/conversations/${conversation.id}`, 303)
})

chatRoutes.post('/appointments/:id/conversation', async (c) => {
  const { conversation } = await openConversation(c.var.db, chatUser(c), { appointmentId: c.req.param('id') })
  return c.redirect(`/conversations/${conversation.id}`, 303)
})

// The conversation and its latest page of history (session + one batch); the read mark is
// written after the response, so reading costs the reader nothing.
export async function loadChatView(c: Context<AppEnv>, conversationId: string, before?: number, form: { body?: string; error?: string } = {}): Promise<ChatView> {
  const user = chatUser(c)
  const history = await conversationHistory(c.var.db, user, conversationId, { before, limit: PAGE_SIZE })
  auditAgentRead(c, user, history)
  const messages = history.messages.reverse()
  const newest = messages.at(-1)?.seq
  if (before === undefined && newest !== undefined) runAfterResponse(c, markReadAndAnnounce(c, conversationId, newest))
  return { ...history, messages, viewerId: user.id, timezone: viewerTimeZone(c, 'UTC').timezone, clientId: newClientId(), ...form }
}

async function markReadAndAnnounce(c: Context<AppEnv>, conversationId: string, seq: number) {
  const user = chatUser(c)
  const marked = await markRead(c.var.db, user, conversationId, seq)
  await chatRoom(c.env, conversationId).announceRead(user.id, marked)
}

async function renderConversation(c: Context<AppEnv>, conversationId: string, options: { before?: number; body?: string; error?: string; status?: ViewStatus } = {}) {
  const view = await loadChatView(c, conversationId, options.before, options)
  return renderView(c, { title: view.conversation.title, body: <ChatPanel view={view} />, status: options.status, scripts: ['chat'] })
}

chatRoutes.get('/conversations/:id', (c) => {
  const before = HistoryQuery.safeParse({ before: c.req.query('before') }).data?.before
  return renderConversation(c, c.req.param('id'), { before })
})

// htmx's poll: the messages after a seq, as list items (a plain GET goes to the page).
chatRoutes.get('/conversations/:id/messages', async (c) => {
  const id = c.req.param('id')
  const query = HistoryQuery.safeParse({ after: c.req.query('after') ?? '0' })
  if (!isHtmx(c) || !query.success) return c.redirect(`/conversations/${id}`, 303)
  const user = chatUser(c)
  const history = await conversationHistory(c.var.db, user, id, { after: query.data.after, limit: PAGE_SIZE })
  if (history.messages.length > 0) auditAgentRead(c, user, history)
  const newest = history.messages.at(-1)?.seq
  if (newest !== undefined) runAfterResponse(c, markReadAndAnnounce(c, id, newest))
  return c.html(<MessagesUpdate view={{ ...history, viewerId: user.id, timezone: viewerTimeZone(c, 'UTC').timezone }} after={query.data.after!} />)
})

// The form: a plain POST comes back to the page; htmx gets the new message and a fresh form.
chatRoutes.post('/conversations/:id/messages', async (c) => {
  const id = c.req.param('id')
  const fields = await formFields(c)
  const parsed = PostMessageInput.safeParse({ client_id: fields.client_id, body: fields.body })
  if (!parsed.success) {
    const error = parsed.error.issues.some((i) => i.path[0] === 'body') ? `Your message ${parsed.error.issues.find((i) => i.path[0] === 'body')!.message}.` : 'The form was out of date; please send again.'
    if (isHtmx(c)) return c.html(<ChatForm conversationId={id} clientId={newClientId()} body={fields.body} error={error} oob />, 422)
    return renderConversation(c, id, { body: fields.body, error, status: 422 })
  }
  const user = chatUser(c)
  let stored
  try {
    stored = await postMessage(c.var.db, user, id, parsed.data.client_id, parsed.data.body)
  } catch (err) {
    const { message, status } = refusalOf(err)
    return renderConversation(c, id, { body: fields.body, error: message, status })
  }
  if (!stored.replayed) runAfterResponse(c, chatRoom(c.env, id).deliver(stored.message))
  if (!isHtmx(c)) return c.redirect(`/conversations/${id}#msg-${stored.message.seq}`, 303)
  return c.html(
    <>
      <MessageItem message={stored.message} viewerId={user.id} timezone={viewerTimeZone(c, 'UTC').timezone} />
      <ChatForm conversationId={id} clientId={newClientId()} oob />
    </>,
  )
})
