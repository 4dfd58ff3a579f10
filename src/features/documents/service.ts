import { and, eq, isNull, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { documents } from '../../db/schema'
import type { Bindings } from '../../env'
import { sha256Hex } from '../../lib/hash'
import { ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError, UnsupportedMediaTypeError, ValidationError } from '../../lib/errors'
import { newId, randomToken } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import { auditStatement } from '../../core/audit'
import { recordReadAudit, type RecordReader, visitStatement } from '../../core/record-access'
import { checkFileType } from './file-type'
import { documentListStatement, documentStatement } from './queries'
import { DocumentFields, MAX_DOCUMENT_BYTES } from './schemas'

type Ctx = { db: Db; env: Pick<Bindings, 'DOCUMENTS'> }
export type UploadTarget = { patientId: string; appointmentId: string | null }

// Whose record a doctor's file goes into: the patient of a visit of theirs that is confirmed or done.
export async function visitUploadTarget(db: Db, reader: RecordReader, appointmentId: string): Promise<UploadTarget> {
  const [visit] = await visitStatement(db, reader, appointmentId)
  if (!visit) throw new NotFoundError('No such appointment.')
  if (reader.role !== 'doctor' || reader.doctorId !== visit.doctorId) throw new ForbiddenError('Only the appointment’s doctor attaches documents to it.')
  if (visit.status !== 'confirmed' && visit.status !== 'completed') throw new ConflictError('Documents can be attached to a confirmed or completed visit.', 'invalid_transition')
  return { patientId: visit.patientId, appointmentId }
}

// A multipart upload's parts, checked: a title, a category, and one file of an accepted type
// within the limit, recognised by its bytes. Nothing is stored until all of it holds.
export async function readUpload(form: Record<string, unknown>) {
  const file = form.file
  const parsed = DocumentFields.safeParse({ title: form.title ?? (file instanceof File ? file.name.replace(/\.[^.]*$/, '') : undefined), category: form.category ?? 'other' })
  const fields = parsed.success ? {} : Object.fromEntries(parsed.error.issues.map((i) => [i.path.join('.'), i.message]))
  if (!(file instanceof File)) throw new ValidationError({ ...fields, file: 'is required' })
  if (file.size > MAX_DOCUMENT_BYTES) throw new PayloadTooLargeError('Files can be at most 10 MB.')
  if (file.size === 0) throw new ValidationError({ ...fields, file: 'is empty' })
  if (!parsed.success) throw new ValidationError(fields)
  const bytes = new Uint8Array(await file.arrayBuffer())
  const check = checkFileType(bytes.subarray(0, 16), file.name)
  if ('problem' in check) throw new UnsupportedMediaTypeError(check.problem)
  return { ...parsed.data, bytes, contentType: check.type }
}

export async function storeDocument(ctx: Ctx, reader: RecordReader, target: UploadTarget, upload: Awaited<ReturnType<typeof readUpload>>) {
  const id = newId('dcm')
  const sha256 = await sha256Hex(upload.bytes)
  // Unguessable, and free of anything about the patient or the file.
  const storageKey = `documents/${randomToken(24)}`
  await ctx.env.DOCUMENTS.put(storageKey, upload.bytes, { httpMetadata: { contentType: upload.contentType }, sha256 })
  try {
    await ctx.db.batch([
      ctx.db.insert(documents).values({ id, patientId: target.patientId, uploadedBy: reader.id, appointmentId: target.appointmentId, title: upload.title, category: upload.category, contentType: upload.contentType, sizeBytes: upload.bytes.length, sha256, storageKey }),
      auditStatement(ctx.db, { action: 'document.uploaded', actorUserId: reader.id, actorRole: reader.role, entityType: 'document', entityId: id, subjectUserId: target.patientId, ip: reader.ip, userAgent: reader.userAgent, requestId: reader.requestId }),
    ])
  } catch (err) {
    // No row, no file: an orphan in the bucket would be data nobody can see or delete.
    await ctx.env.DOCUMENTS.delete(storageKey).catch((e) => log('error', 'orphan document not removed', { storage_key: storageKey, ...describeError(e) }))
    throw err
  }
  return id
}

// A patient's documents (their titles say what they are about): an audited read like the rest.
export async function listDocuments(db: Db, reader: RecordReader, patientId: string) {
  const [, rows] = await db.batch([recordReadAudit(db, reader, { patientId, entityType: 'document' }), documentListStatement(db, reader, patientId)])
  return rows
}

const ownerOf = (id: string) => sql`(select ${documents.patientId} from ${documents} where ${documents.id} = ${id})`

// One document's details; the read is audited in the same batch.
export async function readDocument(db: Db, reader: RecordReader, id: string) {
  const [, [row]] = await db.batch([recordReadAudit(db, reader, { patientId: ownerOf(id), entityType: 'document', entityId: id }), documentStatement(db, reader, id)])
  if (!row) throw new NotFoundError('No such document.')
  return row
}

// The file itself: audited as a download before a byte leaves.
export async function openDocument(ctx: Ctx, reader: RecordReader, id: string) {
  const [, [row]] = await ctx.db.batch([recordReadAudit(ctx.db, reader, { patientId: ownerOf(id), entityType: 'document', entityId: id, action: 'document.download' }), documentStatement(ctx.db, reader, id)])
  if (!row) throw new NotFoundError('No such document.')
  const object = await ctx.env.DOCUMENTS.get(row.storageKey)
  if (!object) {
    log('error', 'document file missing', { document_id: id })
    throw new NotFoundError('This document’s file is missing. Please upload it again.')
  }
  return { row, body: object.body }
}

// The patient may delete anything in their record; whoever uploaded a file may delete it too.
export async function deleteDocument(ctx: Ctx, reader: RecordReader, id: string) {
  const now = new Date()
  const [deleted] = await ctx.db.batch([
    ctx.db
      .update(documents)
      .set({ deletedAt: now })
      .where(and(eq(documents.id, id), isNull(documents.deletedAt), or(and(eq(documents.patientId, reader.id), sql`${reader.role} = 'patient'`), eq(documents.uploadedBy, reader.id))))
      .returning({ storageKey: documents.storageKey, patientId: documents.patientId }),
    auditStatement(ctx.db, { action: 'document.deleted', actorUserId: reader.id, actorRole: reader.role, entityType: 'document', entityId: id, ip: reader.ip, userAgent: reader.userAgent, requestId: reader.requestId }),
  ])
  const row = deleted[0]
  if (!row) throw new NotFoundError('No such document.')
  await ctx.env.DOCUMENTS.delete(row.storageKey)
}
