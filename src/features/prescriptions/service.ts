import { actorAuditStatement } from '../../core/audit'
import { keyRingOf, type RequestContext } from '../../core/context'
import { noticeStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { readerOf, visitReadAudit, visitStatement } from '../../core/record-access'
import { isUniqueViolation } from '../../db/errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { AllergyWarningError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { decryptField, encryptField, type KeyRing } from '../../lib/field-crypto'
import { newId } from '../../lib/ids'
import { emailLinks } from '../mail/links'
import { visitSafetyStatements, type SafetyRows } from '../patient-profile/queries'
import { allergyWarnings, describeWarning, type AllergyWarning } from './allergy-check'
import { toApiWarning } from './present'
import { prescriptionIssuedMessage } from '../mail/templates'
import {
  prescriptionWritten,
  appointmentPrescriptionsStatement,
  issueContextStatement,
  issueStatements,
  itemsOfAppointment,
  itemsOfPrescription,
  itemsStatement,
  prescriptionAppointment,
  prescriptionListStatement,
  prescriptionStatement,
  supersededStatement,
  type PrescriptionRow,
} from './queries'
import { ListCursor, type PrescriptionInput, type PrescriptionItem } from './schemas'

// A prescription follows a visit: written once the visit is confirmed (during or after it).
const PRESCRIBABLE = new Set(['confirmed', 'completed'])

// Issued over an allergy warning: what was warned of and why the prescriber went on.
export type AllergyOverride = { reason: string; warnings: AllergyWarning[] }

export type Prescription = Omit<PrescriptionRow, 'allergyOverride'> & { items: PrescriptionItem[]; allergyOverride: AllergyOverride | null }

const seal = (ring: KeyRing, patientId: string, item: PrescriptionItem) => encryptField(ring, JSON.stringify(item), patientId)

async function withItems(ring: KeyRing, rows: PrescriptionRow[], items: { prescriptionId: string; content: string }[]): Promise<Prescription[]> {
  const open = async <T>(content: string, patientId: string) => JSON.parse(await decryptField(ring, content, patientId)) as T
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      items: await Promise.all(items.filter((i) => i.prescriptionId === row.id).map((i) => open<PrescriptionItem>(i.content, row.patientId))),
      allergyOverride: row.allergyOverride ? await open<AllergyOverride>(row.allergyOverride, row.patientId) : null,
    })),
  )
}

/** One prescription with its items, if the caller may see its visit; audit, check and read are one batch. */
export async function readPrescription(ctx: RequestContext, id: string) {
  const reader = readerOf(ctx)
  const [, rows, items] = await ctx.db.batch([
    visitReadAudit(ctx.db, reader, prescriptionAppointment(id), { entityType: 'prescription', entityId: id }),
    prescriptionStatement(ctx.db, reader, id),
    itemsStatement(ctx.db, reader, itemsOfPrescription(id)),
  ])
  const [prescription] = await withItems(keyRingOf(ctx), rows, items)
  if (!prescription) throw new NotFoundError('No such prescription.')
  return prescription
}

/** An appointment's prescriptions, newest first (404 if the caller may not see the appointment). */
export async function readAppointmentPrescriptions(ctx: RequestContext, appointmentId: string) {
  const reader = readerOf(ctx)
  const [, [visit], rows, items] = await ctx.db.batch([
    visitReadAudit(ctx.db, reader, appointmentId, { entityType: 'prescription' }),
    visitStatement(ctx.db, reader, appointmentId),
    appointmentPrescriptionsStatement(ctx.db, reader, appointmentId),
    itemsStatement(ctx.db, reader, itemsOfAppointment(appointmentId)),
  ])
  if (!visit) throw new NotFoundError('No such appointment.')
  return { visit, prescriptions: await withItems(keyRingOf(ctx), rows, items) }
}

/**
 * The caller's prescriptions, one page at a time. The list shows who and when, not what: no
 * medicine leaves the database without an audited read of that one prescription.
 */
export async function listPrescriptions(ctx: RequestContext, page: { limit: number; cursor?: string }) {
  const offset = decodeCursor(page.cursor, ListCursor)?.o ?? 0
  const rows = await prescriptionListStatement(ctx.db, readerOf(ctx), { limit: page.limit, offset })
  return { rows: rows.slice(0, page.limit), nextCursor: rows.length > page.limit ? encodeCursor({ o: offset + page.limit }) : null }
}

/**
 * The visit a doctor prescribes for, checked: theirs, confirmed or completed, and the
 * prescription it would correct (if any) theirs for the same patient and not corrected yet; with
 * the patient's allergies and current medications (an audited read of their history), all in one
 * round trip.
 */
export async function prescribingContext(ctx: RequestContext, input: { appointmentId: string; supersedesId?: string }) {
  const reader = readerOf(ctx)
  const { appointmentId, supersedesId } = input
  const [[visit], [context], superseded, , allergies, medications] = await ctx.db.batch([
    visitStatement(ctx.db, reader, appointmentId),
    issueContextStatement(ctx.db, appointmentId),
    supersededStatement(ctx.db, supersedesId),
    ...visitSafetyStatements(ctx.db, reader, appointmentId),
  ])
  if (!visit || !context) throw new NotFoundError('No such appointment.')
  if (reader.role !== 'doctor' || reader.doctorId !== visit.doctorId) throw new ForbiddenError('Only the appointment’s doctor prescribes for it.')
  if (!PRESCRIBABLE.has(visit.status)) throw new ConflictError(`A prescription needs a confirmed or completed visit; this one is ${visit.status.replace('_', ' ')}.`, 'invalid_transition')
  const old = superseded[0]
  if (supersedesId && (!old || old.doctorId !== visit.doctorId || old.patientId !== visit.patientId)) throw new NotFoundError('The prescription to correct was not found.')
  if (old && old.status !== 'issued') throw new ConflictError('That prescription was already corrected; correct the newest one.')
  const safety: SafetyRows = { allergies, medications }
  return { visit, context, old, safety }
}

/** What a prescription's medicines would be warned of, against the visit's patient's allergies. */
export async function reviewPrescription(ctx: RequestContext, input: PrescriptionInput & { appointmentId: string }) {
  const { context, safety } = await prescribingContext(ctx, { appointmentId: input.appointmentId, supersedesId: input.supersedes_id })
  return { context, safety, warnings: allergyWarnings(input.items, safety.allergies) }
}

/**
 * Issues a prescription for a visit, or a correction that supersedes an earlier one: the
 * prescription, its items, the old one's new status, the audit entry and the patient's email are
 * one batch. Issued prescriptions are never edited.
 */
export async function issuePrescription(ctx: RequestContext, input: PrescriptionInput & { appointmentId: string }) {
  const { visit, context, old, safety } = await prescribingContext(ctx, { appointmentId: input.appointmentId, supersedesId: input.supersedes_id })
  // A medicine the patient is recorded as allergic to goes out only with the prescriber's reason.
  const warnings = allergyWarnings(input.items, safety.allergies)
  const overrideReason = input.allergy_override_reason
  if (warnings.length && !overrideReason) throw new AllergyWarningError(warnings.map(describeWarning), warnings.map(toApiWarning))
  const id = newId('rx')
  const ring = keyRingOf(ctx)
  const sealedItems = await Promise.all(input.items.map((item) => seal(ring, visit.patientId, item)))
  const sealedOverride = warnings.length && overrideReason ? await encryptField(ring, JSON.stringify({ reason: overrideReason, warnings } satisfies AllergyOverride), visit.patientId) : null
  const message = prescriptionIssuedMessage({ name: context.patientName, doctorName: context.doctorName, link: emailLinks.prescription(ctx, id), corrected: Boolean(old) })
  const notice: Notice = { userId: visit.patientId, kind: 'prescription', title: message.subject, link: `/prescriptions/${id}`, email: { to: context.patientEmail, ...message } }
  try {
    await ctx.db.batch([
      ...issueStatements(ctx.db, { id, appointmentId: input.appointmentId, doctorId: visit.doctorId, patientId: visit.patientId, supersedesId: old?.id ?? null, sealedItems, sealedOverride, now: ctx.now }),
      actorAuditStatement(ctx, { action: old ? 'prescription.corrected' : 'prescription.issued', entityType: 'prescription', entityId: id, subjectUserId: visit.patientId, metadata: { ...(old ? { supersedes: old.id } : {}), ...(warnings.length ? { allergy_override: true } : {}) } }),
      ...noticeStatements(ctx, notice, prescriptionWritten(id)),
    ])
  } catch (err) {
    // Two corrections of one prescription at once: the unique index lets only one be written.
    if (isUniqueViolation(err, 'supersedes')) throw new ConflictError('That prescription was already corrected; correct the newest one.')
    throw err
  }
  afterNotices(ctx, [notice])
  return readPrescription(ctx, id)
}
