import type { z } from 'zod'
import { actorAuditIfChanged, actorAuditStatement } from '../../core/audit'
import { keyRingOf, type RequestContext } from '../../core/context'
import { isOwner, readerOf, recordReadAudit } from '../../core/record-access'
import { ForbiddenError, NotFoundError } from '../../lib/errors'
import { decryptField, encryptField, keyIdOf } from '../../lib/field-crypto'
import { toApiHistory, toApiHistoryItem, toApiProfile } from './present'
import {
  deleteHistoryItemStatement,
  historyStatements,
  insertHistoryItemStatement,
  profileStatement,
  saveBloodTypeStatement,
  saveProfileStatements,
  type ProfileRow,
} from './queries'
import type { BloodTypeInput, HISTORY_KINDS, HistoryKind, ProfileInput } from './schemas'

type BloodType = z.infer<typeof BloodTypeInput>['blood_type']
type HistoryItemInput = { [K in HistoryKind]: { kind: K; item: z.infer<(typeof HISTORY_KINDS)[K]> } }[HistoryKind]

/** A profile row as the API shows it, with the insurance member id unsealed for its reader. */
export async function openProfile(ctx: RequestContext, row: ProfileRow) {
  const stored = row.profile?.insuranceMemberIdCiphertext
  return toApiProfile(row, stored ? await decryptField(keyRingOf(ctx), stored, row.user.id) : null)
}

/** A patient's profile, if the caller may read their record; the read is audited in the same batch. */
export async function readProfile(ctx: RequestContext, patientId: string) {
  const reader = readerOf(ctx)
  const [, [row]] = await ctx.db.batch([recordReadAudit(ctx.db, reader, { patientId, entityType: 'patient_profile' }), profileStatement(ctx.db, reader, patientId)])
  if (!row) throw new NotFoundError('No such patient.')
  return openProfile(ctx, row)
}

// Only the patient writes their own profile and history; the audit entry names what changed.
function ownRecord(ctx: RequestContext) {
  const reader = readerOf(ctx)
  if (!isOwner(reader, reader.id)) throw new ForbiddenError()
  return reader.id
}
const updatedAudit = (ctx: RequestContext, patientId: string, entityType: string, entityId = patientId) =>
  actorAuditStatement(ctx, { action: 'record.updated', entityType, entityId, subjectUserId: patientId })

/** Replaces the patient's own profile as a whole; the insurance member id is sealed to them. */
export async function updateOwnProfile(ctx: RequestContext, input: ProfileInput) {
  const patientId = ownRecord(ctx)
  const memberId = input.insurance_member_id ? await encryptField(keyRingOf(ctx), input.insurance_member_id, patientId) : null
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
    timezone: input.timezone ?? null,
    updatedAt: ctx.now,
  }
  await ctx.db.batch([...saveProfileStatements(ctx.db, patientId, { name: input.name, phone: input.phone }, values), updatedAudit(ctx, patientId, 'patient_profile')])
}

/** Blood type and the four history lists, in one round trip with the audit entry. */
export async function readHistory(ctx: RequestContext, patientId: string) {
  const reader = readerOf(ctx)
  const [, [row], allergies, medications, conditions, surgeries] = await ctx.db.batch([
    recordReadAudit(ctx.db, reader, { patientId, entityType: 'medical_history' }),
    profileStatement(ctx.db, reader, patientId),
    ...historyStatements(ctx.db, reader, patientId),
  ])
  if (!row) throw new NotFoundError('No such patient.')
  return toApiHistory(row.profile?.bloodType ?? null, { allergies, medications, conditions, surgeries })
}

/** Sets the patient's own blood type (audited). */
export async function setOwnBloodType(ctx: RequestContext, bloodType: BloodType) {
  const patientId = ownRecord(ctx)
  await ctx.db.batch([saveBloodTypeStatement(ctx.db, patientId, bloodType, ctx.now), updatedAudit(ctx, patientId, 'medical_history')])
}

// Field names of the API (started_on) to the table's columns (startedOn).
const camel = (input: Record<string, unknown>) => Object.fromEntries(Object.entries(input).map(([k, v]) => [k.replace(/_([a-z])/g, (_, ch: string) => ch.toUpperCase()), v]))

/** Adds an entry to one of the patient's own history lists (audited) and returns it as the API shows it. */
export async function addOwnHistoryItem(ctx: RequestContext, input: HistoryItemInput) {
  const patientId = ownRecord(ctx)
  const [rows] = await ctx.db.batch([insertHistoryItemStatement(ctx.db, patientId, input.kind, camel(input.item)), updatedAudit(ctx, patientId, 'medical_history')])
  return toApiHistoryItem(rows[0]!)
}

/** Removes an entry from one of the patient's own history lists (audited) and returns it, for an undo; 404 if it is not theirs. */
export async function removeOwnHistoryItem(ctx: RequestContext, input: { kind: HistoryKind; id: string }) {
  const patientId = ownRecord(ctx)
  const [deleted] = await ctx.db.batch([
    deleteHistoryItemStatement(ctx.db, patientId, input.kind, input.id),
    actorAuditIfChanged(ctx, { action: 'record.updated', entityType: 'medical_history', entityId: input.id, subjectUserId: patientId }),
  ])
  if (deleted.length === 0) throw new NotFoundError('No such entry in your history.')
  return toApiHistoryItem(deleted[0]!)
}
