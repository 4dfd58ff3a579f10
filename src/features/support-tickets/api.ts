import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { csvResponse } from '../../lib/csv'
import { jsonBody, queryParams, readFormBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { downloadHeaders } from '../documents/present'
import { TICKET_CSV_HEADER, ticketCsvFields, toApiTicket, toApiTicketMessage } from './present'
import { AgentReplyInput, FromConversationInput, QueueQuery, ReplyInput, TicketUpdateInput } from './schemas'
import { exportTickets, myTickets, openAttachment, openTicket, replyToTicket, ticketFromConversation, ticketQueue, ticketThread, updateTicket } from './service'
import { readTicketForm } from './ticket-form'

// Support tickets: a patient's or doctor's under /support/tickets, support's queue under /admin/tickets.
export const supportTicketsApi = new Hono<AppEnv>()

const threadJson = async (c: { var: { ctx: Parameters<typeof ticketThread>[0] } }, id: string) => {
  const { ticket, messages } = await ticketThread(c.var.ctx, id)
  return { ticket: toApiTicket(ticket), messages: messages.map(toApiTicketMessage) }
}

supportTicketsApi.get('/support/tickets', async (c) => c.json({ items: (await myTickets(c.var.ctx)).tickets.map(toApiTicket), next_cursor: null }))

// JSON, or multipart/form-data when a file is attached (`file`).
supportTicketsApi.post('/support/tickets', async (c) => {
  const fields = /^application\/json/i.test(c.req.header('content-type') ?? '') ? await c.req.json().catch(() => ({})) : await readFormBody(c)
  const { input, attachment } = await readTicketForm(fields as Record<string, unknown>)
  const id = await openTicket(c.var.ctx, input, attachment)
  return c.json(await threadJson(c, id), 201)
})

supportTicketsApi.get('/support/tickets/:id', async (c) => c.json(await threadJson(c, c.req.param('id'))))

supportTicketsApi.post('/support/tickets/:id/messages', jsonBody(ReplyInput), async (c) => {
  await replyToTicket(c.var.ctx, c.req.param('id'), c.req.valid('json'))
  return c.json(await threadJson(c, c.req.param('id')), 201)
})

supportTicketsApi.get('/support/tickets/:id/attachment', async (c) => {
  const { row, body } = await openAttachment(c.var.ctx, c.req.param('id'))
  return new Response(body, { headers: downloadHeaders(row) })
})

const agents = requireRole('admin:super', 'admin:support')
supportTicketsApi.use('/admin/tickets', agents)
supportTicketsApi.use('/admin/tickets.csv', agents)
supportTicketsApi.use('/admin/tickets/*', agents)

supportTicketsApi.get('/admin/tickets', queryParams(QueueQuery), async (c) => {
  const page = await ticketQueue(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map(toApiTicket), next_cursor: page.nextCursor })
})

supportTicketsApi.get('/admin/tickets.csv', queryParams(QueueQuery), (c) => csvResponse('tickets.csv', TICKET_CSV_HEADER, exportTickets(c.var.ctx, c.req.valid('query')), ticketCsvFields))

supportTicketsApi.post('/admin/tickets/from-conversation', jsonBody(FromConversationInput), async (c) => c.json(await threadJson(c, await ticketFromConversation(c.var.ctx, c.req.valid('json').conversation_id)), 201))

supportTicketsApi.get('/admin/tickets/:id', async (c) => c.json(await threadJson(c, c.req.param('id'))))

supportTicketsApi.post('/admin/tickets/:id/messages', jsonBody(AgentReplyInput), async (c) => {
  await replyToTicket(c.var.ctx, c.req.param('id'), c.req.valid('json'))
  return c.json(await threadJson(c, c.req.param('id')), 201)
})

supportTicketsApi.patch('/admin/tickets/:id', jsonBody(TicketUpdateInput), async (c) => {
  await updateTicket(c.var.ctx, c.req.param('id'), c.req.valid('json'))
  return c.json(await threadJson(c, c.req.param('id')))
})
