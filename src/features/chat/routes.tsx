import { isSupportAgent } from '../../core/actor'
import { Hono, type Context } from 'hono'
import { ChatForm, ChatPanel, ConversationsPage, MessageItem, MessagesUpdate } from '../../../views/chat/chat-panel'
import type { AppEnv } from '../../env'
import { handleForm } from '../../core/form'
import { isHtmx, renderView, type ViewStatus } from '../../core/page'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireActor } from '../../core/context'
import { HistoryQuery, PostMessageInput } from './schemas'
import { listConversations, openConversation, postMessage, readConversation } from './service'
import { loadChatView, newClientId } from './panel'

export const chatRoutes = new Hono<AppEnv>()

const PAGE_SIZE = 50

chatRoutes.get('/conversations', async (c) => {
  const items = await listConversations(c.var.ctx)
  return renderView(c, { title: 'Messages', body: <ConversationsPage items={items} timezone={viewerTimeZone(c, 'UTC').timezone} /> })
})

chatRoutes.post('/conversations/support', async (c) => {
  const { conversation } = await openConversation(c.var.ctx, { support: true })
  return c.redirect(`/conversations/${conversation.id}`, 303)
})

chatRoutes.post('/appointments/:id/conversation', async (c) => {
  const { conversation } = await openConversation(c.var.ctx, { appointmentId: c.req.param('id') })
  return c.redirect(`/conversations/${conversation.id}`, 303)
})

async function renderConversation(c: Context<AppEnv>, conversationId: string, options: { before?: number; body?: string; error?: string; status?: ViewStatus } = {}) {
  const view = await loadChatView(c, conversationId, options.before, options)
  // Support may turn a support conversation into a ticket, to follow it up.
  const actor = requireActor(c.var.ctx)
  const canMakeTicket = view.conversation.kind === 'support' && isSupportAgent(actor)
  return renderView(c, { title: view.conversation.title, body: <ChatPanel view={{ ...view, canMakeTicket }} />, status: options.status, scripts: ['chat'] })
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
  const history = await readConversation(c.var.ctx, { conversationId: id, after: query.data.after, limit: PAGE_SIZE })
  return c.html(<MessagesUpdate view={{ ...history, viewerId: requireActor(c.var.ctx).id, timezone: viewerTimeZone(c, 'UTC').timezone }} after={query.data.after!} />)
})

// The form: a plain POST comes back to the page; htmx gets the new message and a fresh form.
chatRoutes.post('/conversations/:id/messages', (c) => {
  const id = c.req.param('id')
  return handleForm(c, {
    schema: PostMessageInput,
    submit: async (input) => {
      const stored = await postMessage(c.var.ctx, { conversationId: id, clientId: input.client_id, body: input.body })
      if (!isHtmx(c)) return c.redirect(`/conversations/${id}#msg-${stored.message.seq}`, 303)
      return c.html(
        <>
          <MessageItem message={stored.message} viewerId={requireActor(c.var.ctx).id} timezone={viewerTimeZone(c, 'UTC').timezone} />
          <ChatForm conversationId={id} clientId={newClientId()} oob />
        </>,
      )
    },
    // What was typed stays in the box; htmx gets a fresh form (a new client id) in place.
    render: (state, refusal, values) => {
      const error = !state.errors ? state.message : state.errors.body ? `Your message ${state.errors.body}.` : 'The form was out of date; please send again.'
      if (isHtmx(c) && refusal.status === 422) return c.html(<ChatForm conversationId={id} clientId={newClientId()} body={values.body} error={error} oob />, 422)
      return renderConversation(c, id, { body: values.body, error, status: refusal.status })
    },
  })
})
