import { actorAuditStatement } from '../../core/audit'
import { keyRingOf, type RequestContext } from '../../core/context'
import { outboxStatement } from '../../core/mail/outbox-queries'
import { deliverSoon } from '../../core/mail/send'
import { readerOf, visitReadAudit, visitStatement } from '../../core/record-access'
import { isUniqueViolation } from '../../db/errors'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { decryptField, encryptField, type KeyRing } from '../../lib/field-crypto'
import { newId } from '../../lib/ids'
import { emailLinks } from '../mail/links'
import { prescriptionIssuedMessage } from '../mail/templates'
import {
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

export type Prescription = PrescriptionRow & { items: PrescriptionItem[] }

const seal = (ring: KeyRing, patientId: string, item: PrescriptionItem) => encryptField(ring, JSON.stringify(item), patientId)

async function withItems(ring: KeyRing, rows: PrescriptionRow[], items: { prescriptionId: string; content: string }[]): Promise<Prescription[]> {
  return Promise.all(
    rows.map(async (row) => ({
      ...row,
      items: await Promise.all(items.filter((i) => i.prescriptionId === row.id).map(async (i) => JSON.parse(await decryptField(ring, i.content, row.patientId)) as PrescriptionItem)),
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
 * prescription it would correct (if any) theirs for the same patient and not corrected yet.
 */
export async function prescribingContext(ctx: RequestContext, input: { appointmentId: string; supersedesId?: string }) {
  const reader = readerOf(ctx)
  const { appointmentId, supersedesId } = input
  const [[visit], [context], superseded] = await ctx.db.batch([
    visitStatement(ctx.db, reader, appointmentId),
    issueContextStatement(ctx.db, appointmentId),
    supersededStatement(ctx.db, supersedesId),
  ])
  if (!visit || !context) throw new NotFoundError('No such appointment.')
  if (reader.role !== 'doctor' || reader.doctorId !== visit.doctorId) throw new ForbiddenError('Only the appointment’s doctor prescribes for it.')
  if (!PRESCRIBABLE.has(visit.status)) throw new ConflictError(`A prescription needs a confirmed or completed visit; this one is ${visit.status.replace('_', ' ')}.`, 'invalid_transition')
  const old = superseded[0]
  if (supersedesId && (!old || old.doctorId !== visit.doctorId || old.patientId !== visit.patientId)) throw new NotFoundError('The prescription to correct was not found.')
  if (old && old.status !== 'issued') throw new ConflictError('That prescription was already corrected; correct the newest one.')
  return { visit, context, old }
}

/**
 * Issues a prescription for a visit, or a correction that supersedes an earlier one: the
 * prescription, its items, the old one's new status, the audit entry and the patient's email are
 * one batch. Issued prescriptions are never edited.
 */
export async function issuePrescription(ctx: RequestContext, input: PrescriptionInput & { appointmentId: string }) {
  const { visit, context, old } = await prescribingContext(ctx, { appointmentId: input.appointmentId, supersedesId: input.supersedes_id })
  const id = newId('rx')
  const sealedItems = await Promise.all(input.items.map((item) => seal(keyRingOf(ctx), visit.patientId, item)))
  const message = prescriptionIssuedMessage({ name: context.patientName, doctorName: context.doctorName, link: emailLinks.prescription(ctx, id), corrected: Boolean(old) })
  try {
    await ctx.db.batch([
      ...issueStatements(ctx.db, { id, appointmentId: input.appointmentId, doctorId: visit.doctorId, patientId: visit.patientId, supersedesId: old?.id ?? null, sealedItems, now: ctx.now }),
      actorAuditStatement(ctx, { action: old ? 'prescription.corrected' : 'prescription.issued', entityType: 'prescription', entityId: id, subjectUserId: visit.patientId, metadata: old ? { supersedes: old.id } : undefined }),
      outboxStatement(ctx.db, [{ to: context.patientEmail, ...message }]),
    ])
  } catch (err) {
    // Two corrections of one prescription at once: the unique index lets only one be written.
    if (isUniqueViolation(err, 'supersedes')) throw new ConflictError('That prescription was already corrected; correct the newest one.')
    throw err
  }
  deliverSoon(ctx)
  return readPrescription(ctx, id)
}
