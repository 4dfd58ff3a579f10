import { rowWritten } from '../../core/notices/queries'
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

// Each patient's files together may take this much room; a file that would go past it is refused.
export const STORAGE_QUOTA_BYTES = 200 * 1024 * 1024

// The document's row, written only if the patient's files (deleted ones aside) stay within the
// quota with it: the check and the write are one statement, so two uploads at once cannot both
// squeeze past it.
export function insertDocumentIfRoom(db: Db, row: { id: string; patientId: string; uploadedBy: string; appointmentId: string | null; title: string; category: string; contentType: string; sizeBytes: number; sha256: string; storageKey: string }) {
  return db.run(sql`insert into ${documents} (id, patient_id, uploaded_by, appointment_id, title, category, content_type, size_bytes, sha256, storage_key, created_at)
    select ${row.id}, ${row.patientId}, ${row.uploadedBy}, ${row.appointmentId}, ${row.title}, ${row.category}, ${row.contentType}, ${row.sizeBytes}, ${row.sha256}, ${row.storageKey}, ${Date.now()}
    where (select coalesce(sum(size_bytes), 0) from ${documents} where patient_id = ${row.patientId} and deleted_at is null) + ${row.sizeBytes} <= ${STORAGE_QUOTA_BYTES}`)
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

/** True (in SQL) once the document's row is written: the condition for its notice. */
export const documentWritten = (id: string) => rowWritten(documents, id)
