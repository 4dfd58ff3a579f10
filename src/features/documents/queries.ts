import { and, desc, eq, isNull, or, sql } from 'drizzle-orm'
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

// The patient whose record a document (by id) belongs to, as SQL for the audit of reading it.
export const documentOwner = (id: string) => sql`(select ${documents.patientId} from ${documents} where ${documents.id} = ${id})`

export function insertDocumentStatement(db: Db, row: typeof documents.$inferInsert) {
  return db.insert(documents).values(row)
}

// Marks a document deleted if this reader may delete it: the patient anything in their record,
// anyone what they uploaded. Returns where its file is, to remove it.
export function softDeleteDocumentStatement(db: Db, reader: RecordReader, id: string, now: Date) {
  const mayDelete = or(and(eq(documents.patientId, reader.id), sql`${reader.role} = 'patient'`), eq(documents.uploadedBy, reader.id))
  return db
    .update(documents)
    .set({ deletedAt: now })
    .where(and(eq(documents.id, id), isNull(documents.deletedAt), mayDelete))
    .returning({ storageKey: documents.storageKey, patientId: documents.patientId })
}
