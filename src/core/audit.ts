import type { Db } from '../db/client'
import { auditLog } from '../db/schema'

export type AuditEntry = {
  action: string
  actorUserId?: string | null
  actorRole?: string | null
  entityType?: string
  entityId?: string
  subjectUserId?: string | null
  ip?: string | null
  userAgent?: string | null
  requestId?: string
  metadata?: Record<string, unknown>
}

// An insert statement, so callers can put it in the same db.batch as the change it records.
export function auditStatement(db: Db, entry: AuditEntry) {
  return db.insert(auditLog).values(entry)
}
