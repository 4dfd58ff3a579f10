import { rowWritten } from '../../core/notices/queries'
import { aliasedTable, and, asc, desc, eq, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, doctors, patientProfiles, prescriptionItems, prescriptions, users } from '../../db/schema'
import { mayReadVisit, type RecordReader } from '../../core/record-access'
import { keyIdOf } from '../../lib/field-crypto'

const patientUser = aliasedTable(users, 'patient_user')
const doctorUser = aliasedTable(users, 'doctor_user')

// Prescriptions the reader may see (through their appointment), with both parties' names and the
// doctor's licence for the printed page.
function prescriptionSelect(db: Db) {
  return db
    .select({
      id: prescriptions.id,
      appointmentId: prescriptions.appointmentId,
      status: prescriptions.status,
      supersedesId: prescriptions.supersedesId,
      allergyOverride: prescriptions.allergyOverrideCiphertext,
      supersededById: sql<string | null>`(select s.id from ${prescriptions} s where s.supersedes_id = ${prescriptions.id})`,
      issuedAt: prescriptions.issuedAt,
      patientId: prescriptions.patientId,
      patientName: patientUser.name,
      patientDateOfBirth: patientProfiles.dateOfBirth,
      doctorId: prescriptions.doctorId,
      doctorName: doctorUser.name,
      licenseNumber: doctors.licenseNumber,
      itemCount: sql<number>`(select count(*) from ${prescriptionItems} where ${prescriptionItems.prescriptionId} = ${prescriptions.id})`,
    })
    .from(prescriptions)
    .innerJoin(appointments, eq(appointments.id, prescriptions.appointmentId))
    .innerJoin(patientUser, eq(patientUser.id, prescriptions.patientId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, prescriptions.patientId))
    .innerJoin(doctors, eq(doctors.id, prescriptions.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
}

export function prescriptionStatement(db: Db, reader: RecordReader, id: string) {
  return prescriptionSelect(db).where(and(eq(prescriptions.id, id), mayReadVisit(reader)))
}

export type PrescriptionRow = Awaited<ReturnType<typeof prescriptionStatement>>[number]

export function appointmentPrescriptionsStatement(db: Db, reader: RecordReader, appointmentId: string) {
  return prescriptionSelect(db).where(and(eq(prescriptions.appointmentId, appointmentId), mayReadVisit(reader))).orderBy(desc(prescriptions.issuedAt))
}

// The caller's prescriptions (a patient's own, a doctor's issued, all for clinic/super admins),
// newest first; `patientId` narrows to one patient (the record pages).
export function prescriptionListStatement(db: Db, reader: RecordReader, options: { patientId?: string; limit: number; offset: number }) {
  return prescriptionSelect(db)
    .where(and(mayReadVisit(reader), options.patientId ? eq(prescriptions.patientId, options.patientId) : undefined))
    .orderBy(desc(prescriptions.issuedAt), desc(prescriptions.id))
    .limit(options.limit + 1)
    .offset(options.offset)
}

// The items of the prescriptions matching `where` that the reader may see, in one query that can
// share a batch with the prescriptions themselves.
export function itemsStatement(db: Db, reader: RecordReader, where: SQL) {
  return db
    .select({ prescriptionId: prescriptionItems.prescriptionId, position: prescriptionItems.position, content: prescriptionItems.contentCiphertext })
    .from(prescriptionItems)
    .innerJoin(prescriptions, eq(prescriptions.id, prescriptionItems.prescriptionId))
    .innerJoin(appointments, eq(appointments.id, prescriptions.appointmentId))
    .where(and(where, mayReadVisit(reader)))
    .orderBy(asc(prescriptionItems.prescriptionId), asc(prescriptionItems.position))
}

// The prescription (by id) whose appointment an audit entry of reading it names.
export const prescriptionAppointment = (id: string) => sql`(select ${prescriptions.appointmentId} from ${prescriptions} where ${prescriptions.id} = ${id})`
export const itemsOfPrescription = (id: string) => eq(prescriptions.id, id)
export const itemsOfAppointment = (appointmentId: string) => eq(prescriptions.appointmentId, appointmentId)

// What issuing for a visit needs to know: its parties' names and the patient's email.
export function issueContextStatement(db: Db, appointmentId: string) {
  return db
    .select({ id: appointments.id, status: appointments.status, patientId: appointments.patientId, doctorId: appointments.doctorId, patientName: users.name, patientEmail: users.email, doctorName: sql<string>`(select name from ${users} where ${users.id} = ${doctors.userId})` })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.patientId))
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .where(eq(appointments.id, appointmentId))
}

// The prescription a correction would supersede (no row without one).
export function supersededStatement(db: Db, id: string | undefined) {
  return db.select({ id: prescriptions.id, status: prescriptions.status, patientId: prescriptions.patientId, doctorId: prescriptions.doctorId }).from(prescriptions).where(eq(prescriptions.id, id ?? ''))
}

type Issue = { id: string; appointmentId: string; doctorId: string; patientId: string; supersedesId: string | null; sealedItems: string[]; sealedOverride: string | null; now: Date }

/** True (in SQL) once the prescription is written: the condition for its notice. */
export const prescriptionWritten = (id: string) => rowWritten(prescriptions, id)

// A new prescription with its sealed items, and the one it corrects (if any) marked superseded.
export function issueStatements(db: Db, issue: Issue) {
  const { id, now } = issue
  return [
    // A no-op without a prescription to correct.
    db.update(prescriptions).set({ status: 'superseded', updatedAt: now }).where(and(eq(prescriptions.id, issue.supersedesId ?? ''), eq(prescriptions.status, 'issued'))),
    db.insert(prescriptions).values({ id, appointmentId: issue.appointmentId, doctorId: issue.doctorId, patientId: issue.patientId, status: 'issued', supersedesId: issue.supersedesId, allergyOverrideCiphertext: issue.sealedOverride, issuedAt: now, createdAt: now, updatedAt: now }),
    db.insert(prescriptionItems).values(issue.sealedItems.map((content, position) => ({ prescriptionId: id, position, contentCiphertext: content, keyId: keyIdOf(content) }))),
  ] as const
}
