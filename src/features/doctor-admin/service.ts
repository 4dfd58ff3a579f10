import { actorAuditIfChanged, actorAuditStatement } from '../../core/audit'
import { isClinicAdmin } from '../../core/actor'
import { requireActor, type RequestContext } from '../../core/context'
import { keysetPages, pageOf } from '../../core/keyset-pages'
import { noticeStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { LIMITS } from '../../durable-objects/rate-limiter/limits'
import { isUniqueViolation } from '../../db/errors'
import { decodeCursor } from '../../lib/cursor'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors'
import { sha256Hex } from '../../lib/hash'
import { newId, randomToken } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import { enforceRateLimit } from '../../middleware/rate-limit'
import { transitionAppointment } from '../appointments/service/transition'
import { clinicChoicesStatement, clinicStatement } from '../clinics/queries'
import { findActiveSpecialties } from '../specialties/queries'
import { isClinicScoped } from '../../core/clinic-scope'
import { decidedNow } from '../doctor-verification/queries'
import type { readUploadOf } from '../documents/upload'
import { emailLinks } from '../mail/links'
import { doctorReinstatedMessage, doctorSuspendedMessage } from '../mail/templates'
import { activeSpecialtyStatement } from '../specialties/queries'
import { z } from 'zod'
import {
  appointmentCountsOfStatement,
  documentsOfStatement,
  documentStatement,
  doctorsPageStatement,
  doctorStatement,
  insertDocumentStatement,
  markReviewedStatement,
  ownDoctorStatement,
  setDoctorStatusStatement,
  sortValueOf,
  upcomingOfStatement,
  updateDoctorStatements,
  type DoctorRow,
} from './queries'
import type { ApplicationDocumentFields, DoctorEditInput, DoctorsQuery } from './schemas'

// The doctors console: super admins see every doctor, clinic admins their clinic's (the clinic
// rule, core/clinic-scope.ts: any other doctor does not exist for them, 404). Every change asks
// why and is audited with the before and after. Verifying and rejecting applications is the
// doctor-verification feature's.
export const PAGE_SIZE = 50
const EXPORT_PAGE = 500
const Position = z.object({ v: z.union([z.string().max(300), z.number()]), id: z.string().max(40) })

function requireDoctorAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (!isClinicAdmin(actor)) throw new ForbiddenError()
  return actor
}

/** A page of the table, with the specialties and clinics its filters offer: one round trip. */
export async function listDoctorsTable(ctx: RequestContext, query: DoctorsQuery) {
  const actor = requireDoctorAdmin(ctx)
  const [rows, specialties, clinics] = await ctx.db.batch([
    doctorsPageStatement(ctx.db, actor, query, ctx.now, decodeCursor(query.cursor, Position), PAGE_SIZE + 1),
    findActiveSpecialties(ctx.db),
    // A clinic admin's table is one clinic's: no clinic filter.
    clinicChoicesStatement(ctx.db, isClinicScoped(actor)),
  ])
  return { ...pageOf(rows, PAGE_SIZE, (row) => ({ v: sortValueOf(row, query.sort), id: row.id })), specialties, clinics }
}

/** Every matching doctor, page by page (a streamed CSV export); audited. */
export async function* exportDoctors(ctx: RequestContext, query: DoctorsQuery) {
  const actor = requireDoctorAdmin(ctx)
  await actorAuditStatement(ctx, { action: 'admin.doctors.exported', entityType: 'doctor', metadata: { filters: { ...query, cursor: undefined } } })
  yield* keysetPages((after: { v: string | number; id: string } | undefined) => doctorsPageStatement(ctx.db, actor, query, ctx.now, after, EXPORT_PAGE), (row: DoctorRow) => ({ v: sortValueOf(row, query.sort), id: row.id }), EXPORT_PAGE)
}

/**
 * A doctor's page: the profile, documents, upcoming appointments and counts, and the edit form's
 * specialties and clinics (one round trip). The rows of a doctor outside the actor's clinic are
 * read but never returned (404).
 */
export async function doctorAdminDetail(ctx: RequestContext, doctorId: string) {
  const actor = requireDoctorAdmin(ctx)
  const [[doctor], documents, upcoming, counts, specialties, clinics] = await ctx.db.batch([
    doctorStatement(ctx.db, actor, doctorId),
    documentsOfStatement(ctx.db, doctorId),
    upcomingOfStatement(ctx.db, doctorId, ctx.now),
    appointmentCountsOfStatement(ctx.db, doctorId),
    findActiveSpecialties(ctx.db),
    clinicChoicesStatement(ctx.db, isClinicScoped(actor)),
  ])
  if (!doctor) throw new NotFoundError('No such doctor.')
  return { doctor, documents, upcoming, specialties, clinics, appointmentCounts: Object.fromEntries(counts.map((c) => [c.status, c.count])) as Record<string, number> }
}

async function loadDoctor(ctx: RequestContext, doctorId: string) {
  const actor = requireDoctorAdmin(ctx)
  const [doctor] = await doctorStatement(ctx.db, actor, doctorId)
  if (!doctor) throw new NotFoundError('No such doctor.')
  return { actor, doctor }
}

/**
 * An admin edits a doctor's profile. Only a super admin moves a doctor between clinics (a clinic
 * admin's edits keep the doctor at their clinic). Audited with the fields before and after.
 */
export async function editDoctor(ctx: RequestContext, doctorId: string, input: DoctorEditInput) {
  const { actor, doctor } = await loadDoctor(ctx, doctorId)
  const clinicId = actor.adminRole === 'super' ? input.clinic_id : doctor.clinicId
  const [[specialty], clinic] = await ctx.db.batch([activeSpecialtyStatement(ctx.db, input.specialty_id), clinicStatement(ctx.db, clinicId ?? '')])
  if (!specialty && input.specialty_id !== doctor.specialtyId) throw new ValidationError({ specialty_id: 'is not a specialty on offer' })
  if (clinicId && clinic.length === 0) throw new ValidationError({ clinic_id: 'is not a clinic' })
  const before = { name: doctor.name, licenseNumber: doctor.licenseNumber, licenseExpiresOn: doctor.licenseExpiresOn, specialtyId: doctor.specialtyId, city: doctor.city, practiceAddress: doctor.practiceAddress, bio: doctor.bio, clinicId: doctor.clinicId }
  const after = { name: input.name, licenseNumber: input.license_number, licenseExpiresOn: input.license_expires_on, specialtyId: input.specialty_id, city: input.city, practiceAddress: input.practice_address, bio: input.bio, clinicId }
  const changed = (Object.keys(after) as (keyof typeof after)[]).filter((k) => after[k] !== before[k])
  if (changed.length === 0) return
  try {
    await ctx.db.batch([
      ...updateDoctorStatements(ctx.db, doctor, after, ctx.now),
      actorAuditStatement(ctx, {
        action: 'admin.doctor.edited',
        entityType: 'doctor',
        entityId: doctorId,
        subjectUserId: doctor.userId,
        metadata: { before: Object.fromEntries(changed.map((k) => [k, before[k]])), after: Object.fromEntries(changed.map((k) => [k, after[k]])), reason: input.reason },
      }),
    ])
  } catch (err) {
    if (isUniqueViolation(err, 'doctors')) throw new ConflictError('Another doctor has this licence number.', 'license_taken')
    throw err
  }
}

const STATUS_CHANGES = {
  suspend: { from: 'verified', to: 'deactivated', action: 'admin.doctor.suspended' },
  reinstate: { from: 'deactivated', to: 'verified', action: 'admin.doctor.reinstated' },
} as const

/**
 * Suspends a verified doctor (hidden from search and booking at once; they can no longer act as a
 * doctor) or reinstates a suspended one. Their appointments stay: the admin sees the upcoming
 * ones and cancels them (each patient told) or keeps them. Audited; the doctor is told.
 */
export async function changeDoctorStatus(ctx: RequestContext, doctorId: string, change: keyof typeof STATUS_CHANGES, reason: string) {
  const { doctor } = await loadDoctor(ctx, doctorId)
  const { from, to, action } = STATUS_CHANGES[change]
  const message = change === 'suspend' ? doctorSuspendedMessage({ name: doctor.name, reason }) : doctorReinstatedMessage({ name: doctor.name, link: emailLinks.doctorHome(ctx) })
  const notice: Notice = { userId: doctor.userId, kind: 'verification', title: message.subject, link: change === 'suspend' ? '/account' : '/doctor', email: { to: doctor.email, ...message } }
  const [updated] = await ctx.db.batch([
    setDoctorStatusStatement(ctx.db, doctorId, { from, to, reason, now: ctx.now }),
    actorAuditIfChanged(ctx, { action, entityType: 'doctor', entityId: doctorId, subjectUserId: doctor.userId, metadata: { before: { status: from }, after: { status: to }, reason } }),
    ...noticeStatements(ctx, notice, decidedNow(doctorId, { status: to, at: ctx.now })),
  ])
  if (updated.length === 0) throw new ConflictError(change === 'suspend' ? 'Only a verified doctor can be suspended.' : 'Only a suspended doctor can be reinstated.', 'invalid_transition')
  afterNotices(ctx, [notice])
}

/**
 * Cancels a suspended doctor's upcoming appointments, each through the one state machine (its
 * patient is told, with the reason); returns how many were cancelled. Appointments that changed
 * meanwhile are left as they are.
 */
export async function cancelUpcoming(ctx: RequestContext, doctorId: string, reason: string) {
  const { doctor } = await loadDoctor(ctx, doctorId)
  if (doctor.status !== 'deactivated') throw new ConflictError('Suspend the doctor first; a working doctor’s patients keep their visits.', 'invalid_transition')
  const upcoming = await upcomingOfStatement(ctx.db, doctorId, ctx.now)
  let cancelled = 0
  for (const appointment of upcoming) {
    try {
      await transitionAppointment(ctx, { id: appointment.id, action: 'cancel', reason })
      cancelled++
    } catch (err) {
      if (!(err instanceof ConflictError)) throw err
    }
  }
  return cancelled
}

type ApplicationUpload = Awaited<ReturnType<typeof readUploadOf<typeof ApplicationDocumentFields>>>

/** The doctor's own documents (an applicant's too): their application page. */
export async function ownApplication(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role !== 'doctor') throw new ForbiddenError()
  const [doctor] = await ownDoctorStatement(ctx.db, actor.id)
  if (!doctor) throw new NotFoundError('No doctor profile.')
  return { doctor, documents: await documentsOfStatement(ctx.db, doctor.id) }
}

/** A doctor adds a licence scan or certificate to their application (kept in R2, audited). */
export async function uploadApplicationDocument(ctx: RequestContext, upload: ApplicationUpload) {
  const { doctor } = await ownApplication(ctx)
  await enforceRateLimit(ctx.env, 'upload-user', ctx.actor!.id, LIMITS.uploadUser)
  const id = newId('ddc')
  const sha256 = await sha256Hex(upload.bytes)
  const storageKey = `doctor-documents/${randomToken(24)}`
  await ctx.env.DOCUMENTS.put(storageKey, upload.bytes, { httpMetadata: { contentType: upload.contentType }, sha256 })
  try {
    await ctx.db.batch([
      insertDocumentStatement(ctx.db, { id, doctorId: doctor.id, kind: upload.kind, title: upload.title, contentType: upload.contentType, sizeBytes: upload.bytes.length, sha256, storageKey, createdAt: ctx.now }),
      actorAuditStatement(ctx, { action: 'doctor.document.uploaded', entityType: 'doctor_document', entityId: id, subjectUserId: ctx.actor!.id, metadata: { kind: upload.kind } }),
    ])
  } catch (err) {
    await ctx.env.DOCUMENTS.delete(storageKey).catch((e) => log('error', 'orphan doctor document not removed', { storage_key: storageKey, ...describeError(e) }))
    throw err
  }
  return id
}

/** The file of one of a doctor's documents: to an admin who may see the doctor, or the doctor; audited. */
export async function openDoctorDocument(ctx: RequestContext, doctorId: string, documentId: string) {
  const actor = requireActor(ctx)
  const own = actor.role === 'doctor' ? (await ownDoctorStatement(ctx.db, actor.id))[0] : undefined
  if (own?.id !== doctorId) await loadDoctor(ctx, doctorId)
  const [[row]] = await ctx.db.batch([
    documentStatement(ctx.db, doctorId, documentId),
    actorAuditStatement(ctx, { action: 'doctor.document.download', entityType: 'doctor_document', entityId: documentId }),
  ])
  if (!row) throw new NotFoundError('No such document.')
  const object = await ctx.env.DOCUMENTS.get(row.storageKey)
  if (!object) throw new NotFoundError('This document’s file is missing.')
  return { row, body: object.body }
}

/** An admin marks a document as checked (against the register, the issuer…); audited. */
export async function markDocumentReviewed(ctx: RequestContext, doctorId: string, documentId: string) {
  const { actor, doctor } = await loadDoctor(ctx, doctorId)
  const [updated] = await ctx.db.batch([
    markReviewedStatement(ctx.db, doctorId, documentId, actor.id, ctx.now),
    actorAuditIfChanged(ctx, { action: 'admin.doctor.document_reviewed', entityType: 'doctor_document', entityId: documentId, subjectUserId: doctor.userId }),
  ])
  if (updated.length === 0) {
    const [row] = await documentStatement(ctx.db, doctorId, documentId)
    if (!row) throw new NotFoundError('No such document.')
    throw new ConflictError('This document is already marked as checked.', 'already_reviewed')
  }
}
