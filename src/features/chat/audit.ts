import type { Context } from 'hono'
import type { AppEnv } from '../../env'
import { runAfterResponse } from '../../lib/request-context'
import { auditStatement } from '../../core/audit'
import { requestOrigin } from '../../core/context'
import type { ChatUser } from './chat-user'

// A support agent reading someone's conversation is access to another person's (possibly
// medical) words: it is audit-logged. The parties reading their own conversation are not.
export function auditAgentRead(c: Context<AppEnv>, reader: ChatUser, history: { conversation: { id: string }; subjectUserId: string }) {
  if (reader.role !== 'admin' || history.subjectUserId === reader.id) return
  runAfterResponse(
    c,
    auditStatement(c.var.db, {
      action: 'conversation.read',
      actorUserId: reader.id,
      actorRole: reader.role,
      entityType: 'conversation',
      entityId: history.conversation.id,
      subjectUserId: history.subjectUserId,
      ...requestOrigin(c.var.ctx),
    }).execute(),
  )
}
