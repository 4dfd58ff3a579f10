import { actorAuditIfChanged } from '../../core/audit'
import type { RequestContext } from '../../core/context'
import { noticeStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { readerOf, recordReadAudit, visitStatement } from '../../core/record-access'
import { sha256Hex } from '../../lib/hash'
import { ConflictError, ForbiddenError, NotFoundError, PayloadTooLargeError } from '../../lib/errors'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { enforceRateLimit } from '../../middleware/rate-limit'
import { newId, randomToken } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import { documentListStatement, documentOwner, documentWritten, documentStatement, insertDocumentIfRoom, softDeleteDocumentStatement, STORAGE_QUOTA_BYTES } from './queries'
import type { Upload } from './upload'

export type UploadTarget = { patientId: string; appointmentId: string | null }

/** Whose record a doctor's file goes into: the patient of a visit of theirs that is confirmed or done. */
export async function visitUploadTarget(ctx: RequestContext, appointmentId: string): Promise<UploadTarget> {
  const reader = readerOf(ctx)
  const [visit] = await visitStatement(ctx.db, reader, appointmentId)
  if (!visit) throw new NotFoundError('No such appointment.')
  if (reader.role !== 'doctor' || reader.doctorId !== visit.doctorId) throw new ForbiddenError('Only the appointment’s doctor attaches documents to it.')
  if (visit.status !== 'confirmed' && visit.status !== 'completed') throw new ConflictError('Documents can be attached to a confirmed or completed visit.', 'invalid_transition')
  return { patientId: visit.patientId, appointmentId }
}

/** Stores a checked upload in R2 and indexes it (audited); a file whose row fails is removed again. */
export async function storeDocument(ctx: RequestContext, input: { target: UploadTarget; upload: Upload }) {
  const reader = readerOf(ctx)
  const { target, upload } = input
  await enforceRateLimit(ctx.env, 'upload-user', reader.id, LIMITS.uploadUser)
  const id = newId('dcm')
  const sha256 = await sha256Hex(upload.bytes)
  // Unguessable, and free of anything about the patient or the file.
  const storageKey = `documents/${randomToken(24)}`
  // A file a doctor attaches to a visit is news for its patient (the title stays on the page).
  const notices: Notice[] =
    target.appointmentId && reader.id !== target.patientId
      ? [{ userId: target.patientId, kind: 'document', title: `${readerName(ctx)} added a document to your visit`, link: `/appointments/${target.appointmentId}` }]
      : []
  await ctx.env.DOCUMENTS.put(storageKey, upload.bytes, { httpMetadata: { contentType: upload.contentType }, sha256 })
  try {
    const [inserted] = await ctx.db.batch([
      insertDocumentIfRoom(ctx.db, { id, patientId: target.patientId, uploadedBy: reader.id, appointmentId: target.appointmentId, title: upload.title, category: upload.category, contentType: upload.contentType, sizeBytes: upload.bytes.length, sha256, storageKey }),
      actorAuditIfChanged(ctx, { action: 'document.uploaded', entityType: 'document', entityId: id, subjectUserId: target.patientId }),
      ...notices.flatMap((notice) => noticeStatements(ctx, notice, documentWritten(id))),
    ])
    if (inserted.rowsAffected === 0) throw new PayloadTooLargeError(`A patient’s files may take ${STORAGE_QUOTA_BYTES / 1024 / 1024} MB in all; delete some to make room.`, 'storage_quota_exceeded')
  } catch (err) {
    // No row, no file: an orphan in the bucket would be data nobody can see or delete.
    await ctx.env.DOCUMENTS.delete(storageKey).catch((e) => log('error', 'orphan document not removed', { storage_key: storageKey, ...describeError(e) }))
    throw err
  }
  afterNotices(ctx, notices)
  return id
}

const readerName = (ctx: RequestContext) => ctx.actor?.name ?? 'Your doctor'

/** A patient's documents (their titles say what they are about): an audited read like the rest. */
export async function listDocuments(ctx: RequestContext, patientId: string) {
  const reader = readerOf(ctx)
  const [, rows] = await ctx.db.batch([recordReadAudit(ctx.db, reader, { patientId, entityType: 'document' }), documentListStatement(ctx.db, reader, patientId)])
  return rows
}

/** One document's details, if the caller may read its record; the read is audited in the same batch. */
export async function readDocument(ctx: RequestContext, id: string) {
  const reader = readerOf(ctx)
  const [, [row]] = await ctx.db.batch([recordReadAudit(ctx.db, reader, { patientId: documentOwner(id), entityType: 'document', entityId: id }), documentStatement(ctx.db, reader, id)])
  if (!row) throw new NotFoundError('No such document.')
  return row
}

/** The file itself: audited as a download before a byte leaves. */
export async function openDocument(ctx: RequestContext, id: string) {
  const reader = readerOf(ctx)
  const [, [row]] = await ctx.db.batch([
    recordReadAudit(ctx.db, reader, { patientId: documentOwner(id), entityType: 'document', entityId: id, action: 'document.download' }),
    documentStatement(ctx.db, reader, id),
  ])
  if (!row) throw new NotFoundError('No such document.')
  const object = await ctx.env.DOCUMENTS.get(row.storageKey)
  if (!object) {
    log('error', 'document file missing', { document_id: id })
    throw new NotFoundError('This document’s file is missing. Please upload it again.')
  }
  return { row, body: object.body }
}

/** Deletes a document: the patient anything in their record, anyone what they uploaded (audited). */
export async function deleteDocument(ctx: RequestContext, id: string) {
  const reader = readerOf(ctx)
  const [deleted] = await ctx.db.batch([
    softDeleteDocumentStatement(ctx.db, reader, id, ctx.now),
    actorAuditIfChanged(ctx, { action: 'document.deleted', entityType: 'document', entityId: id }),
  ])
  const row = deleted[0]
  if (!row) throw new NotFoundError('No such document.')
  await ctx.env.DOCUMENTS.delete(row.storageKey)
}
