import { toIsoInstant } from '../../lib/time'
import type { TicketRow } from './queries'

export const toApiTicket = (t: TicketRow) => ({
  id: t.id,
  requester: { id: t.userId, name: t.requesterName, role: t.requesterRole },
  category: t.category,
  subject: t.subject,
  description: t.description,
  appointment_id: t.appointmentId,
  status: t.status,
  priority: t.priority,
  assignee: t.assigneeId ? { id: t.assigneeId, name: t.assigneeName } : null,
  conversation_id: t.conversationId,
  attachment: t.attachmentKey ? { name: t.attachmentName, content_type: t.attachmentType, size_bytes: t.attachmentBytes } : null,
  created_at: toIsoInstant(t.createdAt),
  updated_at: toIsoInstant(t.updatedAt),
  first_response_at: t.firstResponseAt ? toIsoInstant(t.firstResponseAt) : null,
  // Time to first response, in minutes (null until support answers).
  first_response_minutes: t.firstResponseAt ? Math.round((t.firstResponseAt.getTime() - t.createdAt.getTime()) / 60_000) : null,
  resolved_at: t.resolvedAt ? toIsoInstant(t.resolvedAt) : null,
})
export type ApiTicket = ReturnType<typeof toApiTicket>

export const toApiTicketMessage = (m: { id: string; authorId: string; authorName: string; authorRole: string; body: string; internal: boolean; createdAt: Date }) => ({
  id: m.id,
  author: { id: m.authorId, name: m.authorName, role: m.authorRole },
  body: m.body,
  internal: m.internal,
  created_at: toIsoInstant(m.createdAt),
})
export type ApiTicketMessage = ReturnType<typeof toApiTicketMessage>

/** "3 h 5 min", "2 days": how long something took or has waited. */
export function duration(minutes: number) {
  if (minutes < 60) return `${minutes} min`
  if (minutes < 48 * 60) return `${Math.floor(minutes / 60)} h ${minutes % 60} min`
  return `${Math.round(minutes / 1440)} days`
}

export const TICKET_CSV_HEADER = ['id', 'created_at', 'requester', 'category', 'subject', 'status', 'priority', 'assignee', 'first_response_minutes', 'resolved_at']
export const ticketCsvFields = (row: TicketRow) => {
  const t = toApiTicket(row)
  return [t.id, t.created_at, t.requester.name, t.category, t.subject, t.status, t.priority, t.assignee?.name, t.first_response_minutes, t.resolved_at]
}
