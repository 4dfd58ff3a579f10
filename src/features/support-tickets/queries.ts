import { and, asc, desc, eq, inArray, isNull, or, sql } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { appointments, conversations, doctors, supportTicketMessages, supportTickets, users } from '../../db/schema'
import type { TicketStatus } from '../../db/schema/enums'
import { containsPattern, keysetAfter, keysetOrder, type SortDir } from '../../core/table-queries'
import type { QueueQuery } from './schemas'

const requester = alias(users, 'requester')
const assignee = alias(users, 'assignee')

const ticketColumns = {
  id: supportTickets.id,
  userId: supportTickets.userId,
  requesterName: requester.name,
  requesterEmail: requester.email,
  requesterRole: requester.role,
  category: supportTickets.category,
  subject: supportTickets.subject,
  description: supportTickets.description,
  appointmentId: supportTickets.appointmentId,
  status: supportTickets.status,
  priority: supportTickets.priority,
  assigneeId: supportTickets.assignedAdminId,
  assigneeName: assignee.name,
  conversationId: supportTickets.conversationId,
  attachmentKey: supportTickets.attachmentKey,
  attachmentName: supportTickets.attachmentName,
  attachmentType: supportTickets.attachmentType,
  attachmentBytes: supportTickets.attachmentBytes,
  firstResponseAt: supportTickets.firstResponseAt,
  createdAt: supportTickets.createdAt,
  updatedAt: supportTickets.updatedAt,
  resolvedAt: supportTickets.resolvedAt,
}

const ticketSelect = (db: Db) =>
  db.select(ticketColumns).from(supportTickets).innerJoin(requester, eq(requester.id, supportTickets.userId)).leftJoin(assignee, eq(assignee.id, supportTickets.assignedAdminId))

export type TicketRow = Awaited<ReturnType<typeof ticketStatement>>[number]

/** One ticket; only the requester's own when `ownerId` is given (anyone else: no row, so 404). */
export const ticketStatement = (db: Db, id: string, ownerId?: string) => ticketSelect(db).where(and(eq(supportTickets.id, id), ownerId ? eq(supportTickets.userId, ownerId) : undefined))

export const ownTicketsStatement = (db: Db, userId: string) => ticketSelect(db).where(eq(supportTickets.userId, userId)).orderBy(desc(supportTickets.updatedAt)).limit(100)

/** The thread: every message for support, without internal notes for the requester. */
export const messagesOfStatement = (db: Db, ticketId: string, withInternal: boolean) =>
  db
    .select({ id: supportTicketMessages.id, authorId: supportTicketMessages.authorId, authorName: users.name, authorRole: users.role, body: supportTicketMessages.body, internal: supportTicketMessages.internal, createdAt: supportTicketMessages.createdAt })
    .from(supportTicketMessages)
    .innerJoin(users, eq(users.id, supportTicketMessages.authorId))
    .where(and(eq(supportTicketMessages.ticketId, ticketId), withInternal ? undefined : eq(supportTicketMessages.internal, false)))
    .orderBy(asc(supportTicketMessages.createdAt), asc(supportTicketMessages.id))

export const insertTicketStatement = (db: Db, row: typeof supportTickets.$inferInsert) => db.insert(supportTickets).values(row)

/** A message, written only while the ticket is not closed (a closed ticket takes no more). */
export const insertMessageStatement = (db: Db, row: { id: string; ticketId: string; authorId: string; body: string; internal: boolean; createdAt: Date }) =>
  db.run(sql`insert into ${supportTicketMessages} (id, ticket_id, author_id, body, internal, created_at)
    select ${row.id}, ${row.ticketId}, ${row.authorId}, ${row.body}, ${row.internal ? 1 : 0}, ${row.createdAt.getTime()}
    where exists (select 1 from ${supportTickets} where ${supportTickets.id} = ${row.ticketId} and ${supportTickets.status} <> 'closed')`)

/** True (in SQL) when the message was written: the condition for what follows it in the batch. */
export const messageWritten = (id: string) => sql`exists (select 1 from ${supportTicketMessages} where ${supportTicketMessages.id} = ${id})`

/**
 * After a reply: support's answer puts the ticket in the requester's court ("waiting") and stamps
 * the first response once; the requester's reply puts it back in support's ("open"), also from
 * resolved. Only if the message was written.
 */
export function afterReplyStatement(db: Db, ticketId: string, messageId: string, by: 'support' | 'requester', now: Date) {
  const next: TicketStatus = by === 'support' ? 'waiting' : 'open'
  return db
    .update(supportTickets)
    .set({ status: next, updatedAt: now, resolvedAt: null, ...(by === 'support' ? { firstResponseAt: sql`coalesce(${supportTickets.firstResponseAt}, ${now.getTime()})` } : {}) })
    .where(and(eq(supportTickets.id, ticketId), inArray(supportTickets.status, by === 'support' ? ['open', 'waiting'] : ['open', 'waiting', 'resolved']), messageWritten(messageId)))
}

export const touchTicketStatement = (db: Db, ticketId: string, messageId: string, now: Date) => db.update(supportTickets).set({ updatedAt: now }).where(and(eq(supportTickets.id, ticketId), messageWritten(messageId)))

export function updateTicketStatement(db: Db, ticketId: string, change: { status?: TicketStatus; priority?: (typeof supportTickets.$inferSelect)['priority']; assigneeId?: string | null }, now: Date) {
  return db
    .update(supportTickets)
    .set({
      ...(change.status ? { status: change.status, resolvedAt: change.status === 'resolved' || change.status === 'closed' ? now : null } : {}),
      ...(change.priority ? { priority: change.priority } : {}),
      ...(change.assigneeId !== undefined ? { assignedAdminId: change.assigneeId } : {}),
      updatedAt: now,
    })
    .where(eq(supportTickets.id, ticketId))
    .returning({ id: supportTickets.id })
}

/** The admins who answer support (support and super admins, active): the assignee choices (none when `none`). */
export const agentsStatement = (db: Db, none = false) =>
  db
    .select({ id: users.id, name: users.name })
    .from(users)
    .where(none ? sql`0` : and(eq(users.role, 'admin'), inArray(users.adminRole, ['support', 'super']), eq(users.status, 'active')))
    .orderBy(asc(users.name))

/** A page of the queue: oldest first by default (the longest waiting at the top), keyset by creation. */
export function queueStatement(db: Db, agentId: string, query: QueueQuery, after: { v: number; id: string } | undefined, limit: number) {
  const pattern = query.q ? containsPattern(query.q) : undefined
  const matching = and(
    pattern
      ? or(eq(supportTickets.id, query.q!), sql`lower(${supportTickets.subject}) like ${pattern} escape '\\'`, sql`lower(${requester.name}) like ${pattern} escape '\\'`, sql`lower(${requester.email}) like ${pattern} escape '\\'`)
      : undefined,
    query.status === 'active' ? inArray(supportTickets.status, ['open', 'waiting']) : eq(supportTickets.status, query.status),
    query.priority ? eq(supportTickets.priority, query.priority) : undefined,
    query.category ? eq(supportTickets.category, query.category) : undefined,
    query.assignee === 'me' ? eq(supportTickets.assignedAdminId, agentId) : query.assignee === 'none' ? isNull(supportTickets.assignedAdminId) : query.assignee ? eq(supportTickets.assignedAdminId, query.assignee) : undefined,
  )
  const position = after ? { v: new Date(after.v), id: after.id } : undefined
  return ticketSelect(db)
    .where(and(matching, keysetAfter(supportTickets.createdAt, supportTickets.id, query.dir as SortDir, position)))
    .orderBy(...keysetOrder(supportTickets.createdAt, supportTickets.id, query.dir as SortDir))
    .limit(limit)
}

/** The requester's own appointment (as patient or as doctor), to link a ticket to it. */
export const ownAppointmentStatement = (db: Db, userId: string, appointmentId: string) =>
  db
    .select({ id: appointments.id })
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(and(eq(appointments.id, appointmentId), or(eq(appointments.patientId, userId), eq(doctors.userId, userId))))

/** The requester's recent appointments, for the form's choice. */
export const recentAppointmentsStatement = (db: Db, userId: string) =>
  db
    .select({ id: appointments.id, startAt: appointments.startAt })
    .from(appointments)
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(or(eq(appointments.patientId, userId), eq(doctors.userId, userId)))
    .orderBy(desc(appointments.startAt))
    .limit(20)

/** A support conversation (never an appointment's), with who it is about. */
export const supportConversationStatement = (db: Db, conversationId: string) =>
  db
    .select({ id: conversations.id, subjectUserId: conversations.subjectUserId, subjectName: users.name })
    .from(conversations)
    .innerJoin(users, eq(users.id, conversations.subjectUserId))
    .where(and(eq(conversations.id, conversationId), eq(conversations.kind, 'support')))
