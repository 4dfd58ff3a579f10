import { and, eq } from 'drizzle-orm'
import type { z } from 'zod'
import type { Db } from '../../db/client'
import { patientProfiles, users } from '../../db/schema'
import { NotFoundError } from '../../lib/errors'
import { decryptField, encryptField, keyIdOf, type KeyRing } from '../../lib/field-crypto'
import { auditStatement } from '../../core/audit'
import { recordReadAudit, type RecordReader } from '../../core/record-access'
import { toApiHistory, toApiHistoryItem, toApiProfile } from './present'
import { HISTORY_TABLES, historyStatements, profileStatement, type ProfileRow } from './queries'
import { HISTORY_KINDS, type HistoryKind, type ProfileInput } from './schemas'

async function memberIdOf(ring: KeyRing, row: ProfileRow) {
  const stored = row.profile?.insuranceMemberIdCiphertext
  return stored ? decryptField(ring, stored, row.user.id) : null
}

export async function presentProfile(ring: KeyRing, row: ProfileRow) {
  return toApiProfile(row, await memberIdOf(ring, row))
}

export async function readProfile(db: Db, ring: KeyRing, reader: RecordReader, patientId: string) {
  const [, [row]] = await db.batch([recordReadAudit(db, reader, { patientId, entityType: 'patient_profile' }), profileStatement(db, reader, patientId)])
  if (!row) throw new NotFoundError('No such patient.')
  return presentProfile(ring, row)
}

const writeAudit = (db: Db, reader: RecordReader, entityType: string, action: string, entityId?: string) =>
  auditStatement(db, { action, actorUserId: reader.id, actorRole: reader.role, entityType, entityId: entityId ?? reader.id, subjectUserId: reader.id, ip: reader.ip, userAgent: reader.userAgent, requestId: reader.requestId })

// The patient's own profile, replaced as a whole; the insurance member id is sealed to them.
export async function updateOwnProfile(db: Db, ring: KeyRing, reader: RecordReader, input: ProfileInput) {
  const memberId = input.insurance_member_id ? await encryptField(ring, input.insurance_member_id, reader.id) : null
  const now = new Date()
  const values = {
    dateOfBirth: input.date_of_birth,
    sex: input.sex,
    addressLine1: input.address_line1,
    addressLine2: input.address_line2,
    city: input.city,
    postalCode: input.postal_code,
    country: input.country,
    emergencyContactName: input.emergency_contact_name,
    emergencyContactPhone: input.emergency_contact_phone,
    emergencyContactRelation: input.emergency_contact_relation,
    insuranceProvider: input.insurance_provider,
    insuranceMemberIdCiphertext: memberId,
    keyId: memberId ? keyIdOf(memberId) : null,
    preferredLanguage: input.preferred_language,
    timezone: input.timezone,
    updatedAt: now,
  }
  await db.batch([
    db.update(users).set({ name: input.name, phone: input.phone, updatedAt: now }).where(eq(users.id, reader.id)),
    db.insert(patientProfiles).values({ userId: reader.id, ...values }).onConflictDoUpdate({ target: patientProfiles.userId, set: values }),
    writeAudit(db, reader, 'patient_profile', 'record.updated'),
  ])
}

// Blood type and the four lists, in one round trip with the audit entry.
export async function readHistory(db: Db, reader: RecordReader, patientId: string) {
  const [, [row], allergies, medications, conditions, surgeries] = await db.batch([
    recordReadAudit(db, reader, { patientId, entityType: 'medical_history' }),
    profileStatement(db, reader, patientId),
    ...historyStatements(db, reader, patientId),
  ])
  if (!row) throw new NotFoundError('No such patient.')
  return toApiHistory(row.profile?.bloodType ?? null, { allergies, medications, conditions, surgeries })
}

export async function setOwnBloodType(db: Db, reader: RecordReader, bloodType: NonNullable<typeof patientProfiles.$inferInsert.bloodType>) {
  await db.batch([
    db.insert(patientProfiles).values({ userId: reader.id, bloodType }).onConflictDoUpdate({ target: patientProfiles.userId, set: { bloodType, updatedAt: new Date() } }),
    writeAudit(db, reader, 'medical_history', 'record.updated'),
  ])
}

// Field names of the API (started_on) to the table's columns (startedOn).
const camel = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).map(([k, v]) => [k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()), v]))

export async function addOwnHistoryItem<K extends HistoryKind>(db: Db, reader: RecordReader, kind: K, input: z.infer<(typeof HISTORY_KINDS)[K]>) {
  // One insert shape for four tables: each kind's schema only lets that table's columns through.
  const table = HISTORY_TABLES[kind] as typeof HISTORY_TABLES.allergies
  const [rows] = await db.batch([
    db.insert(table).values({ ...(camel(input) as typeof table.$inferInsert), patientId: reader.id }).returning(),
    writeAudit(db, reader, 'medical_history', 'record.updated'),
  ])
  return toApiHistoryItem(rows[0]!)
}

export async function removeOwnHistoryItem(db: Db, reader: RecordReader, kind: HistoryKind, id: string) {
  const table = HISTORY_TABLES[kind] as typeof HISTORY_TABLES.allergies
  const [deleted] = await db.batch([
    db.delete(table).where(and(eq(table.id, id), eq(table.patientId, reader.id))).returning({ id: table.id }),
    writeAudit(db, reader, 'medical_history', 'record.updated', id),
  ])
  if (deleted.length === 0) throw new NotFoundError('No such entry in your history.')
}
