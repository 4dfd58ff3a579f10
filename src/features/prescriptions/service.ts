import { and, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, doctors, prescriptionItems, prescriptions, users } from '../../db/schema'
import { isUniqueViolation } from '../../db/errors'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { decryptField, encryptField, keyIdOf, type KeyRing } from '../../lib/field-crypto'
import { newId } from '../../lib/ids'
import { auditStatement } from '../../core/audit'
import type { RequestContext } from '../../core/context'
import { outboxStatement } from '../../core/mail/outbox'
import { appLink, deliverSoon } from '../../core/mail/send'
import { prescriptionIssuedMessage } from '../mail/templates'
import { visitReadAudit, type RecordReader, visitStatement } from '../../core/record-access'
import { appointmentPrescriptionsStatement, itemsStatement, prescriptionListStatement, prescriptionStatement, type PrescriptionRow } from './queries'
import type { PrescriptionInput, PrescriptionItem } from './schemas'

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

// One prescription with its items; the audit entry, the access check and the read in one batch.
export async function readPrescription(db: Db, ring: KeyRing, reader: RecordReader, id: string) {
  const [, rows, items] = await db.batch([
    visitReadAudit(db, reader, sql`(select ${prescriptions.appointmentId} from ${prescriptions} where ${prescriptions.id} = ${id})`, { entityType: 'prescription', entityId: id }),
    prescriptionStatement(db, reader, id),
    itemsStatement(db, reader, eq(prescriptions.id, id)),
  ])
  const [prescription] = await withItems(ring, rows, items)
  if (!prescription) throw new NotFoundError('No such prescription.')
  return prescription
}

// An appointment's prescriptions, newest first (404 if the reader may not see the appointment).
export async function readAppointmentPrescriptions(db: Db, ring: KeyRing, reader: RecordReader, appointmentId: string) {
  const [, [visit], rows, items] = await db.batch([
    visitReadAudit(db, reader, appointmentId, { entityType: 'prescription' }),
    visitStatement(db, reader, appointmentId),
    appointmentPrescriptionsStatement(db, reader, appointmentId),
    itemsStatement(db, reader, eq(prescriptions.appointmentId, appointmentId)),
  ])
  if (!visit) throw new NotFoundError('No such appointment.')
  return { visit, prescriptions: await withItems(ring, rows, items) }
}

// The list shows who and when, not what: no medicine leaves the database without an audited read
// of that one prescription.
export async function listPrescriptions(db: Db, reader: RecordReader, page: { limit: number; offset: number; patientId?: string }) {
  const rows = await prescriptionListStatement(db, reader, page)
  return { rows: rows.slice(0, page.limit), nextOffset: rows.length > page.limit ? page.offset + page.limit : null }
}

function issueContextStatement(db: Db, appointmentId: string) {
  return db
    .select({ id: appointments.id, status: appointments.status, patientId: appointments.patientId, doctorId: appointments.doctorId, patientName: users.name, patientEmail: users.email, doctorName: sql<string>`(select name from ${users} where ${users.id} = ${doctors.userId})` })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.patientId))
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(eq(appointments.id, appointmentId))
}

// Issues a prescription for a visit, or a correction that supersedes an earlier one: the
// prescription, its items, the old one's new status, the audit entry and the patient's email are
// one batch. Issued prescriptions are never edited.
// The visit a doctor prescribes for, checked: theirs, confirmed or completed, and the
// prescription it would correct (if any) theirs for the same patient and not corrected yet.
export async function prescribingContext(db: Db, reader: RecordReader, appointmentId: string, supersedesId?: string) {
  const [[visit], [context], superseded] = await db.batch([
    visitStatement(db, reader, appointmentId),
    issueContextStatement(db, appointmentId),
    db.select({ id: prescriptions.id, status: prescriptions.status, patientId: prescriptions.patientId, doctorId: prescriptions.doctorId }).from(prescriptions).where(eq(prescriptions.id, supersedesId ?? '')),
  ])
  if (!visit || !context) throw new NotFoundError('No such appointment.')
  if (reader.role !== 'doctor' || reader.doctorId !== visit.doctorId) throw new ForbiddenError('Only the appointment’s doctor prescribes for it.')
  if (!PRESCRIBABLE.has(visit.status)) throw new ConflictError(`A prescription needs a confirmed or completed visit; this one is ${visit.status.replace('_', ' ')}.`, 'invalid_transition')
  const old = superseded[0]
  if (supersedesId && (!old || old.doctorId !== visit.doctorId || old.patientId !== visit.patientId)) throw new NotFoundError('The prescription to correct was not found.')
  if (old && old.status !== 'issued') throw new ConflictError('That prescription was already corrected; correct the newest one.')
  return { visit, context, old }
}

// Issues a prescription for a visit, or a correction that supersedes an earlier one: the
// prescription, its items, the old one's new status, the audit entry and the patient's email are
// one batch. Issued prescriptions are never edited.
export async function issuePrescription(ctx: Pick<RequestContext, 'db' | 'env' | 'background'>, ring: KeyRing, reader: RecordReader, appointmentId: string, input: PrescriptionInput) {
  const { db } = ctx
  const { visit, context, old } = await prescribingContext(db, reader, appointmentId, input.supersedes_id)
  const now = new Date()
  const id = newId('rx')
  const sealed = await Promise.all(input.items.map((item) => seal(ring, visit.patientId, item)))
  const message = prescriptionIssuedMessage({ name: context.patientName, doctorName: context.doctorName, link: appLink(ctx, `/prescriptions/${id}`), corrected: Boolean(old) })
  try {
    await db.batch([
      // A no-op without a prescription to correct.
      db.update(prescriptions).set({ status: 'superseded', updatedAt: now }).where(and(eq(prescriptions.id, old?.id ?? ''), eq(prescriptions.status, 'issued'))),
      db.insert(prescriptions).values({ id, appointmentId, doctorId: visit.doctorId, patientId: visit.patientId, status: 'issued', supersedesId: old?.id ?? null, issuedAt: now, createdAt: now, updatedAt: now }),
      db.insert(prescriptionItems).values(sealed.map((content, position) => ({ prescriptionId: id, position, contentCiphertext: content, keyId: keyIdOf(content) }))),
      auditStatement(db, { action: old ? 'prescription.corrected' : 'prescription.issued', actorUserId: reader.id, actorRole: reader.role, entityType: 'prescription', entityId: id, subjectUserId: visit.patientId, ip: reader.ip, userAgent: reader.userAgent, requestId: reader.requestId, metadata: old ? { supersedes: old.id } : undefined }),
      outboxStatement(db, [{ to: context.patientEmail, ...message }]),
    ])
  } catch (err) {
    // Two corrections of one prescription at once: the unique index lets only one be written.
    if (isUniqueViolation(err, 'supersedes')) throw new ConflictError('That prescription was already corrected; correct the newest one.')
    throw err
  }
  deliverSoon(ctx)
  return readPrescription(db, ring, reader, id)
}
