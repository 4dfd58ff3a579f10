import { actorAuditIfChanged, actorAuditStatement } from '../../core/audit'
import { isSupportAgent } from '../../core/actor'
import { requireActor, type RequestContext } from '../../core/context'
import { keysetPages, pageOf } from '../../core/keyset-pages'
import { noticeStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { decodeCursor } from '../../lib/cursor'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors'
import { newId, randomToken } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import { enforceRateLimit } from '../../middleware/rate-limit'
import { emailLinks } from '../mail/links'
import { ticketAnsweredMessage } from '../mail/templates'
import { z } from 'zod'
import {
  afterReplyStatement,
  agentsStatement,
  insertMessageStatement,
  insertTicketStatement,
  messagesOfStatement,
  messageWritten,
  ownAppointmentStatement,
  ownTicketsStatement,
  queueStatement,
  recentAppointmentsStatement,
  supportConversationStatement,
  ticketStatement,
  touchTicketStatement,
  updateTicketStatement,
  type TicketRow,
} from './queries'
import type { QueueQuery, TicketInput, TicketUpdateInput } from './schemas'

// Support tickets: patients and doctors open them and read the answers; support and super admins
// work them in a queue. A ticket is its requester's; to anyone else but support it does not exist
// (404). Internal notes never reach the requester.
export const QUEUE_PAGE = 50
const EXPORT_PAGE = 500
const Position = z.object({ v: z.number(), id: z.string().max(40) })

function requireRequester(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role === 'admin') throw new ForbiddenError('Admins answer tickets; they do not open them.')
  return actor
}

function requireAgent(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (!isSupportAgent(actor)) throw new ForbiddenError()
  return actor
}

export type Attachment = { bytes: Uint8Array; contentType: NonNullable<TicketRow['attachmentType']>; title: string }

/** Opens a ticket (with its attachment, kept in R2); the appointment, if named, must be the requester's own. */
export async function openTicket(ctx: RequestContext, input: TicketInput, attachment?: Attachment) {
  const actor = requireRequester(ctx)
  await enforceRateLimit(ctx.env, 'upload-user', actor.id, LIMITS.uploadUser)
  if (input.appointment_id && (await ownAppointmentStatement(ctx.db, actor.id, input.appointment_id)).length === 0) throw new ValidationError({ appointment_id: 'is not one of your appointments' })
  const id = newId('tkt')
  const key = attachment ? `ticket-attachments/${randomToken(24)}` : null
  if (attachment && key) await ctx.env.DOCUMENTS.put(key, attachment.bytes, { httpMetadata: { contentType: attachment.contentType } })
  try {
    await ctx.db.batch([
      insertTicketStatement(ctx.db, {
        id,
        userId: actor.id,
        category: input.category,
        subject: input.subject,
        description: input.description,
        appointmentId: input.appointment_id,
        attachmentKey: key,
        attachmentName: attachment?.title ?? null,
        attachmentType: attachment?.contentType ?? null,
        attachmentBytes: attachment?.bytes.length ?? null,
        createdAt: ctx.now,
        updatedAt: ctx.now,
      }),
      actorAuditStatement(ctx, { action: 'ticket.opened', entityType: 'ticket', entityId: id, subjectUserId: actor.id, metadata: { category: input.category } }),
    ])
  } catch (err) {
    if (key) await ctx.env.DOCUMENTS.delete(key).catch((e) => log('error', 'orphan ticket attachment not removed', { storage_key: key, ...describeError(e) }))
    throw err
  }
  return id
}

/** The requester's tickets, most recently active first, and the appointments a new one may name. */
export async function myTickets(ctx: RequestContext) {
  const actor = requireRequester(ctx)
  const [tickets, appointments] = await ctx.db.batch([ownTicketsStatement(ctx.db, actor.id), recentAppointmentsStatement(ctx.db, actor.id)])
  return { tickets, appointments }
}

/**
 * A ticket and its thread: the requester sees their own without internal notes; support sees all,
 * and the admins it may be assigned to (one round trip).
 */
export async function ticketThread(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx)
  const agent = isSupportAgent(actor)
  if (!agent && actor.role === 'admin') throw new ForbiddenError()
  const [[ticket], messages, agents] = await ctx.db.batch([ticketStatement(ctx.db, id, agent ? undefined : actor.id), messagesOfStatement(ctx.db, id, agent), agentsStatement(ctx.db, !agent)])
  if (!ticket) throw new NotFoundError('No such ticket.')
  return { ticket, messages, agents, asAgent: agent }
}

/**
 * A reply. The requester's puts the ticket back in support's court (reopening a resolved one);
 * support's answer puts it in the requester's, stamps the first response and tells the requester
 * (in the app, and by email as they chose). An internal note changes nothing but the thread.
 * A closed ticket takes no replies (409).
 */
export async function replyToTicket(ctx: RequestContext, id: string, reply: { body: string; internal?: boolean }) {
  const { ticket, asAgent } = await ticketThread(ctx, id)
  const actor = requireActor(ctx)
  const internal = asAgent && reply.internal === true
  const messageId = newId('tkm')
  const answer = asAgent && !internal
  const message = answer ? ticketAnsweredMessage({ name: ticket.requesterName, subject: ticket.subject, link: emailLinks.ticket(ctx, id) }) : undefined
  const notices: Notice[] = answer && message ? [{ userId: ticket.userId, kind: 'support', title: message.subject, link: `/support/tickets/${id}`, email: { to: ticket.requesterEmail, ...message } }] : []
  const [inserted] = await ctx.db.batch([
    insertMessageStatement(ctx.db, { id: messageId, ticketId: id, authorId: actor.id, body: reply.body, internal, createdAt: ctx.now }),
    internal ? touchTicketStatement(ctx.db, id, messageId, ctx.now) : afterReplyStatement(ctx.db, id, messageId, asAgent ? 'support' : 'requester', ctx.now),
    ...(asAgent ? [actorAuditIfChanged(ctx, { action: internal ? 'ticket.noted' : 'ticket.answered', entityType: 'ticket', entityId: id, subjectUserId: ticket.userId })] : []),
    ...notices.flatMap((notice) => noticeStatements(ctx, notice, messageWritten(messageId))),
  ])
  if (inserted.rowsAffected === 0) throw new ConflictError('This ticket is closed; open a new one if you still need help.', 'ticket_closed')
  afterNotices(ctx, notices)
  return messageId
}

/** Support changes a ticket's status, priority or assignee; audited with the before and after. */
export async function updateTicket(ctx: RequestContext, id: string, change: TicketUpdateInput) {
  requireAgent(ctx)
  const { ticket, agents } = await ticketThread(ctx, id)
  if (change.assignee_id && !agents.some((a) => a.id === change.assignee_id)) throw new ValidationError({ assignee_id: 'is not a support admin' })
  const before = { status: ticket.status, priority: ticket.priority, assignee_id: ticket.assigneeId }
  const after = { status: change.status ?? ticket.status, priority: change.priority ?? ticket.priority, assignee_id: change.assignee_id === undefined ? ticket.assigneeId : change.assignee_id }
  await ctx.db.batch([
    updateTicketStatement(ctx.db, id, { status: change.status, priority: change.priority, assigneeId: change.assignee_id }, ctx.now),
    actorAuditStatement(ctx, { action: 'ticket.updated', entityType: 'ticket', entityId: id, subjectUserId: ticket.userId, metadata: { before, after } }),
  ])
}

/** A page of the queue (support and super admins), with the agents an assignee filter offers. */
export async function ticketQueue(ctx: RequestContext, query: QueueQuery) {
  const agent = requireAgent(ctx)
  const [rows, agents] = await ctx.db.batch([queueStatement(ctx.db, agent.id, query, decodeCursor(query.cursor, Position), QUEUE_PAGE + 1), agentsStatement(ctx.db)])
  return { ...pageOf(rows, QUEUE_PAGE, (row) => ({ v: row.createdAt.getTime(), id: row.id })), agents }
}

/** Every matching ticket, page by page (a streamed CSV export); audited. */
export async function* exportTickets(ctx: RequestContext, query: QueueQuery) {
  const agent = requireAgent(ctx)
  await actorAuditStatement(ctx, { action: 'admin.tickets.exported', entityType: 'ticket', metadata: { filters: { ...query, cursor: undefined } } })
  yield* keysetPages((after: { v: number; id: string } | undefined) => queueStatement(ctx.db, agent.id, query, after, EXPORT_PAGE), (row) => ({ v: row.createdAt.getTime(), id: row.id }), EXPORT_PAGE)
}

/**
 * Support turns a support chat into a ticket (what needs follow-up beyond the conversation): the
 * ticket is the person's, links back to the conversation, and is assigned to the agent.
 */
export async function ticketFromConversation(ctx: RequestContext, conversationId: string) {
  const agent = requireAgent(ctx)
  const [conversation] = await supportConversationStatement(ctx.db, conversationId)
  if (!conversation) throw new NotFoundError('No such support conversation.')
  const id = newId('tkt')
  await ctx.db.batch([
    insertTicketStatement(ctx.db, {
      id,
      userId: conversation.subjectUserId,
      category: 'other',
      subject: `Follow-up of a support conversation with ${conversation.subjectName}`.slice(0, 140),
      description: `Opened by support from the conversation at /conversations/${conversationId}.`,
      conversationId,
      assignedAdminId: agent.id,
      createdAt: ctx.now,
      updatedAt: ctx.now,
    }),
    actorAuditStatement(ctx, { action: 'ticket.opened_from_conversation', entityType: 'ticket', entityId: id, subjectUserId: conversation.subjectUserId, metadata: { conversation_id: conversationId } }),
  ])
  return id
}

/** A ticket's attachment, to its requester or support; audited for support. */
export async function openAttachment(ctx: RequestContext, id: string) {
  const { ticket, asAgent } = await ticketThread(ctx, id)
  if (!ticket.attachmentKey || !ticket.attachmentType) throw new NotFoundError('This ticket has no attachment.')
  const object = await ctx.env.DOCUMENTS.get(ticket.attachmentKey)
  if (!object) throw new NotFoundError('This attachment’s file is missing.')
  if (asAgent) await actorAuditStatement(ctx, { action: 'ticket.attachment.download', entityType: 'ticket', entityId: id, subjectUserId: ticket.userId })
  return { row: { contentType: ticket.attachmentType, title: ticket.attachmentName ?? 'attachment', sizeBytes: ticket.attachmentBytes ?? 0 }, body: object.body }
}
