import { toIsoInstant } from '../../lib/time'

type Row = { id: string; action: string; actorUserId: string | null; actorName: string | null; actorRole: string | null; entityType: string | null; entityId: string | null; subjectUserId: string | null; ip: string | null; metadata: Record<string, unknown> | null; createdAt: Date; sealed: boolean }

export function toApiAuditEntry(r: Row) {
  return {
    id: r.id,
    at: toIsoInstant(r.createdAt),
    action: r.action,
    actor: r.actorUserId ? { id: r.actorUserId, name: r.actorName, role: r.actorRole } : { id: null, name: null, role: r.actorRole ?? 'system' },
    entity: { type: r.entityType, id: r.entityId },
    subject_user_id: r.subjectUserId,
    ip: r.ip,
    metadata: r.metadata,
    sealed: r.sealed,
  }
}

export const AUDIT_CSV_HEADER = ['id', 'at', 'action', 'actor_id', 'actor_name', 'actor_role', 'entity_type', 'entity_id', 'subject_user_id', 'ip', 'metadata']
export const auditCsvFields = (r: Row) => [r.id, toIsoInstant(r.createdAt), r.action, r.actorUserId, r.actorName, r.actorRole, r.entityType, r.entityId, r.subjectUserId, r.ip, r.metadata ? JSON.stringify(r.metadata) : '']
