import { and, asc, desc, eq, gt, lt, ne, or, sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { appointments, conversationParticipants, conversations, doctors, messages, notifications, users } from '../../db/schema'
import { isSupportAgent } from '../../core/actor'
import type { ChatUser } from './chat-user'

const subjectUser = alias(users, 'subject_user')
const doctorUser = alias(users, 'doctor_user')
const sender = alias(users, 'sender')

// The conversations a user may open: their own (as the patient of an appointment, or the person
// asking support), their appointments as a doctor, and every support conversation for support
// agents. Every read of a conversation goes through this, so nobody reads a room they are not in.
export function visibleTo(user: ChatUser): SQL {
  const doctorId = user.doctorId
  return or(
    eq(conversations.subjectUserId, user.id),
    doctorId ? and(eq(conversations.kind, 'appointment'), eq(appointments.doctorId, doctorId)) : undefined,
    isSupportAgent(user) ? eq(conversations.kind, 'support') : undefined,
  )!
}

const lastSeq = sql<number>`coalesce((select max(${messages.seq}) from ${messages} where ${messages.conversationId} = ${conversations.id}), 0)`

// Messages the user has not read: after their read mark, and not their own.
function unreadFor(userId: string) {
  return sql<number>`(select count(*) from ${messages} where ${messages.conversationId} = ${conversations.id} and ${messages.senderId} <> ${userId}
    and ${messages.seq} > coalesce((select ${conversationParticipants.lastReadSeq} from ${conversationParticipants}
      where ${conversationParticipants.conversationId} = ${conversations.id} and ${conversationParticipants.userId} = ${userId}), 0))`
}

function conversationSelect(db: Db, user: ChatUser) {
  return db
    .select({
      id: conversations.id,
      kind: conversations.kind,
      appointmentId: conversations.appointmentId,
      appointmentStart: appointments.startAt,
      subjectUserId: conversations.subjectUserId,
      subjectName: subjectUser.name,
      doctorUserId: doctors.userId,
      doctorName: doctorUser.name,
      lastMessageAt: conversations.lastMessageAt,
      createdAt: conversations.createdAt,
      lastSeq,
      unread: unreadFor(user.id),
    })
    .from(conversations)
    .innerJoin(subjectUser, eq(subjectUser.id, conversations.subjectUserId))
    .leftJoin(appointments, eq(appointments.id, conversations.appointmentId))
    .leftJoin(doctors, eq(doctors.id, appointments.doctorId))
    .leftJoin(doctorUser, eq(doctorUser.id, doctors.userId))
}

export type ConversationRow = Awaited<ReturnType<ReturnType<typeof conversationSelect>['where']>>[number]

export function conversationStatement(db: Db, user: ChatUser, conversationId: string) {
  return conversationSelect(db, user).where(and(eq(conversations.id, conversationId), visibleTo(user)))
}

export function conversationByAppointmentStatement(db: Db, user: ChatUser, appointmentId: string) {
  return conversationSelect(db, user).where(and(eq(conversations.appointmentId, appointmentId), visibleTo(user)))
}

export function conversationListStatement(db: Db, user: ChatUser, limit: number) {
  return conversationSelect(db, user)
    .where(visibleTo(user))
    .orderBy(desc(sql`coalesce(${conversations.lastMessageAt}, ${conversations.createdAt})`), asc(conversations.id))
    .limit(limit)
}

// The user's unread messages across every conversation they take part in, for the page header.
export function unreadTotalSql(userId: AnyColumn | string) {
  return sql<number>`(select count(*) from ${conversationParticipants} p join ${messages} m on m.conversation_id = p.conversation_id
    and m.seq > p.last_read_seq and m.sender_id <> p.user_id where p.user_id = ${userId})`
}

function messageSelect(db: Db) {
  return db
    .select({
      id: messages.id,
      conversationId: messages.conversationId,
      seq: messages.seq,
      senderId: messages.senderId,
      senderName: sender.name,
      clientId: messages.clientId,
      body: messages.body,
      createdAt: messages.createdAt,
    })
    .from(messages)
    .innerJoin(sender, eq(sender.id, messages.senderId))
}

export type MessageRow = Awaited<ReturnType<ReturnType<typeof messageSelect>['where']>>[number]

// A page of history: newest first, before a seq (older pages), or oldest first after one (catching up).
export function messagesStatement(db: Db, conversationId: string, page: { before?: number; after?: number; limit: number }) {
  const catchingUp = page.after !== undefined
  return messageSelect(db)
    .where(
      and(
        eq(messages.conversationId, conversationId),
        page.before !== undefined ? lt(messages.seq, page.before) : undefined,
        catchingUp ? gt(messages.seq, page.after!) : undefined,
      ),
    )
    .orderBy(catchingUp ? asc(messages.seq) : desc(messages.seq))
    .limit(page.limit)
}

export function messageByClientIdStatement(db: Db, conversationId: string, senderId: string, clientId: string) {
  return messageSelect(db).where(and(eq(messages.conversationId, conversationId), eq(messages.senderId, senderId), eq(messages.clientId, clientId)))
}

// The message takes the room's next seq in the same statement that writes it, so two writers
// (two sockets, or a socket and the form) can never take one number; a client id already used by
// this sender in this room writes nothing, so a resend is not a second message.
// The next seq of the conversation, taken in the insert itself; `onlyIf` (SQL) must hold too, or
// nothing is written (a socket whose session has ended stores nothing).
export function insertMessageStatement(db: Db, message: { id: string; conversationId: string; senderId: string; clientId: string; body: string; createdAt: Date }, onlyIf: SQL = sql`1`) {
  return db.run(sql`insert into ${messages} (id, conversation_id, sender_id, client_id, seq, body, created_at)
    select id, conversation_id, sender_id, client_id, seq, body, created_at from (
      select ${message.id} as id, ${message.conversationId} as conversation_id, ${message.senderId} as sender_id, ${message.clientId} as client_id,
        coalesce(max(seq), 0) + 1 as seq, ${message.body} as body, ${message.createdAt.getTime()} as created_at
      from ${messages} where conversation_id = ${message.conversationId})
    where ${onlyIf}
    on conflict (conversation_id, sender_id, client_id) do nothing`)
}

// Moves a participant's read mark forward only (a late, older receipt never un-reads anything),
// adding the participant on first contact (a support agent answering).
export function markReadStatement(db: Db, conversationId: string, userId: string, seq: SQL | number, now: Date) {
  return db
    .insert(conversationParticipants)
    .values({ conversationId, userId, lastReadSeq: seq, lastReadAt: now, joinedAt: now })
    .onConflictDoUpdate({
      target: [conversationParticipants.conversationId, conversationParticipants.userId],
      set: { lastReadSeq: sql`max(${conversationParticipants.lastReadSeq}, excluded.last_read_seq)`, lastReadAt: now },
    })
}

export function touchConversationStatement(db: Db, conversationId: string, now: Date) {
  return db.update(conversations).set({ lastMessageAt: now }).where(eq(conversations.id, conversationId))
}

// The other participants' read marks, for read receipts on the page.
export function readMarksStatement(db: Db, conversationId: string, exceptUserId: string) {
  return db
    .select({ userId: conversationParticipants.userId, lastReadSeq: conversationParticipants.lastReadSeq })
    .from(conversationParticipants)
    .where(and(eq(conversationParticipants.conversationId, conversationId), ne(conversationParticipants.userId, exceptUserId)))
}

// Opens the appointment's conversation (or finds it: two requests may race, the unique index
// keeps one) with both parties as participants, all conditional on the caller being the
// appointment's patient or acting doctor; then reads it back. One batch.
export function openAppointmentConversationStatements(db: Db, user: ChatUser, appointmentId: string, id: string, at: number) {
  const mayOpen = sql`${appointments.id} = ${appointmentId} and (${appointments.patientId} = ${user.id} or ${appointments.doctorId} = ${user.doctorId ?? ''})`
  const party = (userColumn: SQL) =>
    db.run(sql`insert into ${conversationParticipants} (conversation_id, user_id, last_read_seq, created_at)
      select ${conversations.id}, ${userColumn}, 0, ${at} from ${conversations}
      join ${appointments} on ${appointments.id} = ${conversations.appointmentId}
      join ${doctors} on ${doctors.id} = ${appointments.doctorId}
      where ${mayOpen} on conflict do nothing`)
  return [
    db.run(sql`insert into ${conversations} (id, kind, appointment_id, subject_user_id, created_at)
      select ${id}, 'appointment', ${appointments.id}, ${appointments.patientId}, ${at} from ${appointments}
      where ${mayOpen} on conflict do nothing`),
    // Both parties are participants from the start, so unread counts include the first message.
    party(sql`${appointments.patientId}`),
    party(sql`${doctors.userId}`),
    conversationByAppointmentStatement(db, user, appointmentId),
  ] as const
}

// One support conversation per person, even when two requests race: the insert only happens
// where none exists, which SQLite decides atomically, and both then read back the oldest one.
export function openSupportConversationStatements(db: Db, userId: string, id: string, at: number) {
  return [
    db.run(sql`insert into ${conversations} (id, kind, subject_user_id, created_at)
      select ${id}, 'support', ${userId}, ${at}
      where not exists (select 1 from ${conversations} where ${conversations.kind} = 'support' and ${conversations.subjectUserId} = ${userId})`),
    db.run(sql`insert into ${conversationParticipants} (conversation_id, user_id, last_read_seq, created_at)
      select ${conversations.id}, ${userId}, 0, ${at} from ${conversations} where ${conversations.id} = ${id} on conflict do nothing`),
    db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.kind, 'support'), eq(conversations.subjectUserId, userId)))
      .orderBy(asc(conversations.createdAt), asc(conversations.id))
      .limit(1),
  ] as const
}

// The seq of the sender's own message with this client id; 0 when none was stored (a refused
// write), which moves no read mark.
export function ownSeqSql(conversationId: string, senderId: string, clientId: string) {
  return sql<number>`coalesce((select ${messages.seq} from ${messages} where ${messages.conversationId} = ${conversationId} and ${messages.senderId} = ${senderId} and ${messages.clientId} = ${clientId}), 0)`
}

// Never past the conversation's last message.
export function readableSeqSql(conversationId: string, seq: number) {
  return sql<number>`min(${seq}, coalesce((select max(${messages.seq}) from ${messages} where ${messages.conversationId} = ${conversationId}), 0))`
}

export function readMarkStatement(db: Db, conversationId: string, userId: string) {
  return db
    .select({ lastReadSeq: conversationParticipants.lastReadSeq })
    .from(conversationParticipants)
    .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.userId, userId)))
}

// The conversations a user takes part in, most recently read first: where their sockets may be.
export function userConversationsStatement(db: Db, userId: string, limit = 100) {
  return db
    .select({ id: conversationParticipants.conversationId })
    .from(conversationParticipants)
    .where(eq(conversationParticipants.userId, userId))
    .orderBy(desc(conversationParticipants.lastReadAt))
    .limit(limit)
}

// The page a conversation's notice links to.
export const conversationPath = (conversationId: string) => `/conversations/${conversationId}`
const linkOfConversation = sql`'/conversations/' || ${conversationParticipants.conversationId}`
// A person was told of the messages waiting in a conversation since `since` (SQL instant).
const toldSince = (userId: SQL | AnyColumn | string, link: SQL | string, since: SQL | number) =>
  sql`exists (select 1 from ${notifications} where ${notifications.userId} = ${userId} and ${notifications.kind} = 'message' and ${notifications.link} = ${link} and ${notifications.createdAt} >= ${since})`

/**
 * People with messages from others unread for longer than `waitMs` in a conversation, who were
 * not yet told of them: one row per person and conversation, with who wrote and since when.
 */
export function waitingMessagesStatement(db: Db, now: Date, waitMs: number, limit: number) {
  // Messages from others the participant has not read (correlated to the participant's row).
  const unread = sql`from ${messages} m join ${users} s on s.id = m.sender_id
    where m.conversation_id = ${conversationParticipants.conversationId} and m.seq > ${conversationParticipants.lastReadSeq} and m.sender_id <> ${conversationParticipants.userId}`
  const firstUnread = sql<number | null>`(select min(m.created_at) ${unread})`
  return db
    .select({
      userId: conversationParticipants.userId,
      email: users.email,
      name: users.name,
      conversationId: conversationParticipants.conversationId,
      since: firstUnread.mapWith(Number),
      senders: sql<string>`(select group_concat(distinct s.name) ${unread})`,
    })
    .from(conversationParticipants)
    .innerJoin(users, eq(users.id, conversationParticipants.userId))
    .where(and(eq(users.status, 'active'), sql`${firstUnread} < ${now.getTime() - waitMs}`, sql`not ${toldSince(conversationParticipants.userId, linkOfConversation, firstUnread)}`))
    .limit(limit)
}

/** True (in SQL) while the person has not been told of this conversation's waiting messages. */
export const notToldYet = (userId: string, conversationId: string, since: number) => sql`not ${toldSince(userId, conversationPath(conversationId), since)}`
