import { and, asc, eq, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, conversationParticipants, conversations, doctors, messages } from '../../db/schema'
import { NotFoundError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import type { ChatUser } from './chat-user'
import { toApiConversation, toApiMessage } from './present'
import {
  conversationByAppointmentStatement,
  conversationListStatement,
  conversationStatement,
  insertMessageStatement,
  markReadStatement,
  messageByClientIdStatement,
  messagesStatement,
  readMarksStatement,
  touchConversationStatement,
} from './queries'

export const MAX_MESSAGE_LENGTH = 4000
const LIST_LIMIT = 100

export async function listConversations(db: Db, user: ChatUser) {
  const rows = await conversationListStatement(db, user, LIST_LIMIT)
  return rows.map((row) => toApiConversation(row, user))
}

export async function getConversation(db: Db, user: ChatUser, conversationId: string) {
  const [row] = await conversationStatement(db, user, conversationId)
  if (!row) throw new NotFoundError('No such conversation.')
  return row
}

// A page of a conversation's history with the conversation itself and the other side's read
// marks, in one round trip.
export async function conversationHistory(db: Db, user: ChatUser, conversationId: string, page: { before?: number; after?: number; limit: number }) {
  const [[row], rows, marks] = await db.batch([
    conversationStatement(db, user, conversationId),
    messagesStatement(db, conversationId, page),
    readMarksStatement(db, conversationId, user.id),
  ])
  if (!row) throw new NotFoundError('No such conversation.')
  const items = rows.map(toApiMessage)
  const oldest = page.after === undefined ? rows.at(-1)?.seq : undefined
  return {
    conversation: toApiConversation(row, user),
    // Whose conversation it is, for the audit entry when a support agent reads someone's.
    subjectUserId: row.subjectUserId,
    messages: items,
    // Older history exists when a full page came back and it did not reach seq 1.
    nextBefore: rows.length === page.limit && oldest !== undefined && oldest > 1 ? oldest : null,
    othersReadSeq: Math.max(0, ...marks.map((m) => m.lastReadSeq)),
  }
}

// The conversation of an appointment (made on first use), or the caller's support conversation.
// Only the appointment's own patient or doctor gets one; anyone else is told it does not exist.
export async function openConversation(db: Db, user: ChatUser, target: { appointmentId: string } | { support: true }) {
  const now = new Date()
  if ('support' in target) return openSupportConversation(db, user, now)
  const { appointmentId } = target
  const id = newId('cnv')
  const at = now.getTime()
  // Everything is conditional on the caller being the appointment's patient or doctor, so one
  // batch opens it (or finds it: two requests may race, the unique index keeps one) and reads it.
  const mayOpen = sql`${appointments.id} = ${appointmentId} and (${appointments.patientId} = ${user.id} or ${appointments.doctorId} = ${user.doctorId ?? ''})`
  const party = (userColumn: SQL) =>
    db.run(sql`insert into ${conversationParticipants} (conversation_id, user_id, last_read_seq, created_at)
      select ${conversations.id}, ${userColumn}, 0, ${at} from ${conversations}
      join ${appointments} on ${appointments.id} = ${conversations.appointmentId}
      join ${doctors} on ${doctors.id} = ${appointments.doctorId}
      where ${mayOpen} on conflict do nothing`)
  const [inserted, , , [row]] = await db.batch([
    db.run(sql`insert into ${conversations} (id, kind, appointment_id, subject_user_id, created_at)
      select ${id}, 'appointment', ${appointments.id}, ${appointments.patientId}, ${at} from ${appointments}
      where ${mayOpen} on conflict do nothing`),
    // Both parties are participants from the start, so unread counts include the first message.
    party(sql`${appointments.patientId}`),
    party(sql`${doctors.userId}`),
    conversationByAppointmentStatement(db, user, appointmentId),
  ])
  if (!row) throw new NotFoundError('No such appointment.')
  return { conversation: row, created: inserted.rowsAffected > 0 }
}

// One support conversation per person, even when two requests race (a double click, two tabs):
// the insert only happens where none exists, which SQLite decides atomically, and both requests
// then read back the same (oldest) one.
async function openSupportConversation(db: Db, user: ChatUser, now: Date) {
  const id = newId('cnv')
  const at = now.getTime()
  const [inserted, , [existing]] = await db.batch([
    db.run(sql`insert into ${conversations} (id, kind, subject_user_id, created_at)
      select ${id}, 'support', ${user.id}, ${at}
      where not exists (select 1 from ${conversations} where ${conversations.kind} = 'support' and ${conversations.subjectUserId} = ${user.id})`),
    db.run(sql`insert into ${conversationParticipants} (conversation_id, user_id, last_read_seq, created_at)
      select ${conversations.id}, ${user.id}, 0, ${at} from ${conversations} where ${conversations.id} = ${id} on conflict do nothing`),
    db
      .select({ id: conversations.id })
      .from(conversations)
      .where(and(eq(conversations.kind, 'support'), eq(conversations.subjectUserId, user.id)))
      .orderBy(asc(conversations.createdAt), asc(conversations.id))
      .limit(1),
  ])
  return { conversation: await getConversation(db, user, existing!.id), created: inserted.rowsAffected > 0 }
}

// Stores a message (or finds the one this client id already stored) and returns it: the write,
// the room's timestamp, the sender's own read mark and the read-back are one batch, one round
// trip. Callers have already checked that the sender may write here.
export async function storeMessage(db: Db, sender: Pick<ChatUser, 'id'>, conversationId: string, clientId: string, body: string) {
  const now = new Date()
  const id = newId('msg')
  const ownSeq = sql<number>`(select ${messages.seq} from ${messages} where ${messages.conversationId} = ${conversationId} and ${messages.senderId} = ${sender.id} and ${messages.clientId} = ${clientId})`
  const [, , , [row]] = await db.batch([
    insertMessageStatement(db, { id, conversationId, senderId: sender.id, clientId, body, createdAt: now }),
    touchConversationStatement(db, conversationId, now),
    markReadStatement(db, conversationId, sender.id, ownSeq, now),
    messageByClientIdStatement(db, conversationId, sender.id, clientId),
  ])
  return { message: toApiMessage(row!), replayed: row!.id !== id }
}

// The HTTP path: the same write, for a caller checked against the conversation first.
export async function postMessage(db: Db, user: ChatUser, conversationId: string, clientId: string, body: string) {
  await getConversation(db, user, conversationId)
  return storeMessage(db, user, conversationId, clientId, body)
}

// Marks the conversation read up to `seq` (never past its last message, never backwards).
export async function markRead(db: Db, user: Pick<ChatUser, 'id'>, conversationId: string, seq: number) {
  const upTo = sql<number>`min(${seq}, coalesce((select max(${messages.seq}) from ${messages} where ${messages.conversationId} = ${conversationId}), 0))`
  const [, [mark]] = await db.batch([
    markReadStatement(db, conversationId, user.id, upTo, new Date()),
    db
      .select({ lastReadSeq: conversationParticipants.lastReadSeq })
      .from(conversationParticipants)
      .where(and(eq(conversationParticipants.conversationId, conversationId), eq(conversationParticipants.userId, user.id))),
  ])
  return mark?.lastReadSeq ?? 0
}

