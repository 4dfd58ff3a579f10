import { tablePage } from '../../core/table-page'
import { Hono, type Context } from 'hono'
import { AdminTicketPage, TicketQueuePage } from '../../../views/admin/tickets-page'
import type { FormState } from '../../../views/components/form'
import { RequesterTicketPage, SupportPage } from '../../../views/support/support-pages'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { multipartParts } from '../../lib/validator'
import { downloadHeaders } from '../documents/present'
import { toApiTicket, toApiTicketMessage } from './present'
import { AgentReplyInput, QueueQuery, ReplyInput, TicketUpdateInput } from './schemas'
import { myTickets, openAttachment, openTicket, replyToTicket, ticketFromConversation, ticketQueue, ticketThread, updateTicket } from './service'
import { readTicketForm } from './ticket-form'

export const supportTicketRoutes = new Hono<AppEnv>()

const zone = (c: Context<AppEnv>) => viewerTimeZone(c, 'UTC').timezone

// The requester's side: the help page, a ticket's thread and replies.
async function renderSupport(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const { tickets, appointments } = await myTickets(c.var.ctx)
  return renderView(c, {
    title: 'Help',
    status,
    body: <SupportPage tickets={tickets.map(toApiTicket)} appointments={appointments.map((a) => ({ id: a.id, start: a.startAt.toISOString() }))} timezone={zone(c)} state={state} />,
  })
}

supportTicketRoutes.get('/support', (c) => renderSupport(c))

supportTicketRoutes.post('/support/tickets', (c) =>
  handleForm(c, {
    schema: NoFields,
    submit: async () => {
      const { input, attachment } = await readTicketForm(await multipartParts(c))
      return c.redirect(`/support/tickets/${await openTicket(c.var.ctx, input, attachment)}?done=opened`, 303)
    },
    render: (state, refusal) => renderSupport(c, state, refusal.status),
  }),
)

const REQUESTER_NOTICES: Record<string, string> = { opened: 'Your ticket is open: we will answer here and by email.', replied: 'Your reply is sent.' }

async function renderTicket(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const id = c.req.param('id')!
  const { ticket, messages, asAgent } = await ticketThread(c.var.ctx, id)
  if (asAgent) return c.redirect(`/admin/tickets/${id}`, 303)
  return renderView(c, { title: ticket.subject, status, body: <RequesterTicketPage ticket={toApiTicket(ticket)} messages={messages.map(toApiTicketMessage)} timezone={zone(c)} state={state} notice={REQUESTER_NOTICES[c.req.query('done') ?? '']} /> })
}

supportTicketRoutes.get('/support/tickets/:id', (c) => renderTicket(c))

supportTicketRoutes.post('/support/tickets/:id/messages', (c) =>
  handleForm(c, {
    schema: ReplyInput,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await replyToTicket(c.var.ctx, c.req.param('id'), input)
      return c.redirect(`/support/tickets/${c.req.param('id')}?done=replied`, 303)
    },
    render: (state, refusal) => renderTicket(c, state, refusal.status),
  }),
)

supportTicketRoutes.get('/support/tickets/:id/attachment', async (c) => {
  const { row, body } = await openAttachment(c.var.ctx, c.req.param('id'))
  return new Response(body, { headers: downloadHeaders(row) })
})

// Support's side: the queue and a ticket's page.
const agents = requireRole('admin:super', 'admin:support')
supportTicketRoutes.use('/admin/tickets', agents)
supportTicketRoutes.use('/admin/tickets/*', agents)

supportTicketRoutes.get('/admin/tickets', async (c) => {
  const { query, page, fields, understood } = await tablePage(c, QueueQuery, (q) => ticketQueue(c.var.ctx, q))
  const state = { ...fields, status: query.status, dir: query.dir }
  return renderView(c, {
    title: 'Support tickets',
    body: <TicketQueuePage items={page.items.map(toApiTicket)} agents={page.agents} state={state} nextCursor={page.nextCursor} now={c.var.ctx.now} error={understood ? undefined : 'Some filters were not understood, so the open tickets are shown.'} />,
  })
})

const AGENT_NOTICES: Record<string, string> = { answered: 'Sent: the requester is told.', noted: 'The note is kept (the requester does not see it).', saved: 'Saved.', opened: 'The ticket is open and assigned to you.' }

async function renderAgentTicket(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const { ticket, messages, agents } = await ticketThread(c.var.ctx, c.req.param('id')!)
  return renderView(c, { title: ticket.subject, status, body: <AdminTicketPage ticket={toApiTicket(ticket)} messages={messages.map(toApiTicketMessage)} agents={agents} timezone={zone(c)} state={state} notice={AGENT_NOTICES[c.req.query('done') ?? '']} /> })
}

supportTicketRoutes.get('/admin/tickets/:id', (c) => renderAgentTicket(c))

supportTicketRoutes.post('/admin/tickets/:id/messages', (c) =>
  handleForm(c, {
    schema: AgentReplyInput,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await replyToTicket(c.var.ctx, c.req.param('id'), input)
      return c.redirect(`/admin/tickets/${c.req.param('id')}?done=${input.internal ? 'noted' : 'answered'}`, 303)
    },
    render: (state, refusal) => renderAgentTicket(c, state, refusal.status),
  }),
)

supportTicketRoutes.post('/admin/tickets/:id/update', (c) =>
  handleForm(c, {
    schema: TicketUpdateInput,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await updateTicket(c.var.ctx, c.req.param('id'), input)
      return c.redirect(`/admin/tickets/${c.req.param('id')}?done=saved`, 303)
    },
    render: (state, refusal) => renderAgentTicket(c, state, refusal.status),
  }),
)

// From a support conversation's page: the conversation becomes a ticket assigned to the agent.
supportTicketRoutes.post('/admin/tickets/from-conversation/:conversationId', async (c) => c.redirect(`/admin/tickets/${await ticketFromConversation(c.var.ctx, c.req.param('conversationId'))}?done=opened`, 303))
