import type { Db } from '../../db/client'
import { appointmentEvents } from '../../db/schema'

export type CallEventKind = 'call_joined' | 'call_left'

// A line of the appointment's history: who joined or left its video call, and when.
export function recordCallEvent(db: Db, event: { appointmentId: string; userId: string; kind: CallEventKind; data?: Record<string, unknown> }) {
  return db.insert(appointmentEvents).values({
    appointmentId: event.appointmentId,
    actorUserId: event.userId,
    kind: event.kind,
    data: event.data ?? null,
  })
}
