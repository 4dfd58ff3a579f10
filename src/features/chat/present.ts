import { toIsoInstant } from '../../lib/time'
import type { ChatUser } from './chat-user'
import type { ConversationRow, MessageRow } from './queries'

import type { ApiMessage } from '../../core/shapes'

export type ApiConversation = ReturnType<typeof toApiConversation>

export function toApiMessage(row: MessageRow): ApiMessage {
  return {
    id: row.id,
    conversation_id: row.conversationId,
    seq: row.seq,
    sender: { id: row.senderId, name: row.senderName },
    client_id: row.clientId,
    body: row.body,
    created_at: toIsoInstant(row.createdAt),
  }
}

// Named for the person looking at it: the doctor for the patient, the patient for the doctor,
// "MediConnect support" for someone asking support, the asker for a support agent.
export function conversationTitle(row: ConversationRow, viewer: Pick<ChatUser, 'id'>) {
  if (row.kind === 'support') return row.subjectUserId === viewer.id ? 'MediConnect support' : `Support: ${row.subjectName}`
  return row.subjectUserId === viewer.id ? (row.doctorName ?? 'Your doctor') : row.subjectName
}

export function toApiConversation(row: ConversationRow, viewer: Pick<ChatUser, 'id'>) {
  return {
    id: row.id,
    kind: row.kind,
    title: conversationTitle(row, viewer),
    appointment: row.appointmentId ? { id: row.appointmentId, start: row.appointmentStart ? toIsoInstant(row.appointmentStart) : null } : null,
    last_seq: row.lastSeq,
    unread_count: row.unread,
    last_message_at: row.lastMessageAt ? toIsoInstant(row.lastMessageAt) : null,
    created_at: toIsoInstant(row.createdAt),
  }
}
