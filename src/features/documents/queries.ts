import { and, desc, eq, isNull } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { documents, users } from '../../db/schema'
import { mayReadRecord, type RecordReader } from '../../core/record-access'

function documentSelect(db: Db) {
  return db
    .select({
      id: documents.id,
      patientId: documents.patientId,
      appointmentId: documents.appointmentId,
      title: documents.title,
      category: documents.category,
      contentType: documents.contentType,
      sizeBytes: documents.sizeBytes,
      sha256: documents.sha256,
      storageKey: documents.storageKey,
      uploadedBy: documents.uploadedBy,
      uploaderName: users.name,
      uploaderRole: users.role,
      createdAt: documents.createdAt,
    })
    .from(documents)
    .innerJoin(users, eq(users.id, documents.uploadedBy))
}

// One document, if the reader may read its patient's record (deleted ones are gone for everyone).
export function documentStatement(db: Db, reader: RecordReader, id: string) {
  return documentSelect(db).where(and(eq(documents.id, id), isNull(documents.deletedAt), mayReadRecord(reader, documents.patientId)))
}
export type DocumentRow = Awaited<ReturnType<typeof documentStatement>>[number]

// A patient's documents, newest first, scoped by the record rule.
export function documentListStatement(db: Db, reader: RecordReader, patientId: string, limit = 100) {
  return documentSelect(db)
    .where(and(eq(documents.patientId, patientId), isNull(documents.deletedAt), mayReadRecord(reader, documents.patientId)))
    .orderBy(desc(documents.createdAt), desc(documents.id))
    .limit(limit)
}
