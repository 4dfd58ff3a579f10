import { and, asc, eq, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { allergies, chronicConditions, medications, patientProfiles, surgeries, users } from '../../db/schema'
import { mayReadRecord, patientOfAppointment, recordReadAudit, type RecordReader } from '../../core/record-access'
import type { HistoryKind } from './schemas'

export const HISTORY_TABLES = { allergies, medications, conditions: chronicConditions, surgeries } as const

// The profile (contact details live on the account) if the reader may read the record.
export function profileStatement(db: Db, reader: RecordReader, patientId: string) {
  return db
    .select({ user: { id: users.id, name: users.name, email: users.email, phone: users.phone }, profile: patientProfiles })
    .from(users)
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(eq(users.id, patientId), mayReadRecord(reader, users.id)))
}
export type ProfileRow = Awaited<ReturnType<typeof profileStatement>>[number]

function listStatement<K extends HistoryKind>(db: Db, reader: RecordReader, patientId: string, kind: K) {
  const table = HISTORY_TABLES[kind]
  return db.select().from(table).where(and(eq(table.patientId, patientId), mayReadRecord(reader, table.patientId))).orderBy(asc(table.createdAt))
}

// Every list of the medical history, each scoped by the record rule, for one db.batch.
export function historyStatements(db: Db, reader: RecordReader, patientId: string) {
  return [
    listStatement(db, reader, patientId, 'allergies'),
    listStatement(db, reader, patientId, 'medications'),
    listStatement(db, reader, patientId, 'conditions'),
    listStatement(db, reader, patientId, 'surgeries'),
  ] as const
}
export type HistoryRows = {
  allergies: (typeof allergies.$inferSelect)[]
  medications: (typeof medications.$inferSelect)[]
  conditions: (typeof chronicConditions.$inferSelect)[]
  surgeries: (typeof surgeries.$inferSelect)[]
}

/**
 * What a prescriber must see beside the notes and prescription forms: the patient's allergies and
 * current medications, each scoped by the record rule. `patientId` may be SQL (the patient of an
 * appointment), for a batch that reads the appointment too.
 */
export function safetyStatements(db: Db, reader: RecordReader, patientId: string | SQL) {
  return [
    db
      .select({ substance: allergies.substance, reaction: allergies.reaction, severity: allergies.severity })
      .from(allergies)
      .where(and(eq(allergies.patientId, patientId), mayReadRecord(reader, allergies.patientId)))
      .orderBy(asc(allergies.createdAt)),
    db
      .select({ name: medications.name, dose: medications.dose, frequency: medications.frequency })
      .from(medications)
      .where(and(eq(medications.patientId, patientId), mayReadRecord(reader, medications.patientId)))
      .orderBy(asc(medications.createdAt)),
  ] as const
}
/**
 * The same for the patient of a visit a doctor is writing for, as an audited read of their
 * history (the audit entry first): [audit, allergies, medications], for one db.batch.
 */
export function visitSafetyStatements(db: Db, reader: RecordReader, appointmentId: string) {
  const patient = patientOfAppointment(appointmentId)
  return [recordReadAudit(db, reader, { patientId: patient, entityType: 'medical_history', entityId: appointmentId, metadata: { shown: 'allergies and medications' } }), ...safetyStatements(db, reader, patient)] as const
}
export type SafetyRows = { allergies: { substance: string; reaction: string | null; severity: string | null }[]; medications: { name: string; dose: string | null; frequency: string | null }[] }

// The profile's columns as the patient saves them; contact details live on the account.
export type ProfileValues = Omit<typeof patientProfiles.$inferInsert, 'userId' | 'bloodType' | 'createdAt'> & { updatedAt: Date }

// Saving the profile: the account's name and phone, and the profile row made or replaced.
export function saveProfileStatements(db: Db, userId: string, account: { name: string; phone: string | null }, values: ProfileValues) {
  return [
    db.update(users).set({ ...account, updatedAt: values.updatedAt }).where(eq(users.id, userId)),
    db.insert(patientProfiles).values({ userId, ...values }).onConflictDoUpdate({ target: patientProfiles.userId, set: values }),
  ] as const
}

export function saveBloodTypeStatement(db: Db, userId: string, bloodType: NonNullable<typeof patientProfiles.$inferInsert.bloodType>, now: Date) {
  return db.insert(patientProfiles).values({ userId, bloodType }).onConflictDoUpdate({ target: patientProfiles.userId, set: { bloodType, updatedAt: now } })
}

// One insert shape for four tables: each kind's schema only lets that table's columns through.
export function insertHistoryItemStatement(db: Db, patientId: string, kind: HistoryKind, columns: Record<string, unknown>) {
  const table = HISTORY_TABLES[kind] as typeof HISTORY_TABLES.allergies
  return db.insert(table).values({ ...(columns as typeof table.$inferInsert), patientId }).returning()
}

export function deleteHistoryItemStatement(db: Db, patientId: string, kind: HistoryKind, id: string) {
  const table = HISTORY_TABLES[kind] as typeof HISTORY_TABLES.allergies
  return db.delete(table).where(and(eq(table.id, id), eq(table.patientId, patientId))).returning()
}
