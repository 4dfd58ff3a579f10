import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { BLOOD_TYPES, DOCUMENT_CATEGORIES, DOCUMENT_CONTENT_TYPES, SEVERITIES } from './enums'
import { appointments } from './appointments'
import { users } from './users'

export const patientProfiles = sqliteTable('patient_profiles', {
  userId: text('user_id')
    .primaryKey()
    .references(() => users.id, { onDelete: 'cascade' }),
  dateOfBirth: text('date_of_birth'), // YYYY-MM-DD
  sex: text('sex'),
  addressLine1: text('address_line1'),
  addressLine2: text('address_line2'),
  city: text('city'),
  postalCode: text('postal_code'),
  country: text('country'),
  emergencyContactName: text('emergency_contact_name'),
  emergencyContactPhone: text('emergency_contact_phone'),
  emergencyContactRelation: text('emergency_contact_relation'),
  insuranceProvider: text('insurance_provider'),
  // Encrypted at rest: an insurance member id identifies a person to third parties.
  insuranceMemberIdCiphertext: text('insurance_member_id_ciphertext'),
  preferredLanguage: text('preferred_language').notNull().default('en'),
  // The patient's own zone, once known (from their device at sign-up, or chosen in the profile);
  // until then emails use the zone they booked in.
  timezone: text('timezone'),
  bloodType: text('blood_type', { enum: BLOOD_TYPES }),
  keyId: text('key_id'),
  updatedAt: updatedAt(),
})

// Medical history lists: one table per kind so each keeps its own fields.
const owner = () =>
  text('patient_id')
    .notNull()
    .references(() => users.id, { onDelete: 'cascade' })

export const allergies = sqliteTable(
  'allergies',
  {
    id: id('alg'),
    patientId: owner(),
    substance: text('substance').notNull(),
    reaction: text('reaction'),
    severity: text('severity', { enum: SEVERITIES }),
    createdAt: createdAt(),
  },
  (t) => [
    index('allergies_patient_idx').on(t.patientId),
    check('allergies_severity_check', sql`${t.severity} is null or ${oneOf(t.severity, SEVERITIES)}`),
  ],
)

export const medications = sqliteTable(
  'medications',
  {
    id: id('med'),
    patientId: owner(),
    name: text('name').notNull(),
    dose: text('dose'),
    frequency: text('frequency'),
    startedOn: text('started_on'),
    createdAt: createdAt(),
  },
  (t) => [index('medications_patient_idx').on(t.patientId)],
)

export const chronicConditions = sqliteTable(
  'chronic_conditions',
  {
    id: id('cnd'),
    patientId: owner(),
    name: text('name').notNull(),
    diagnosedOn: text('diagnosed_on'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [index('chronic_conditions_patient_idx').on(t.patientId)],
)

export const surgeries = sqliteTable(
  'surgeries',
  {
    id: id('srg'),
    patientId: owner(),
    procedure: text('procedure').notNull(),
    performedOn: text('performed_on'),
    notes: text('notes'),
    createdAt: createdAt(),
  },
  (t) => [index('surgeries_patient_idx').on(t.patientId)],
)

// Uploaded files live in R2 under `storage_key`; this row is the index and the access scope.
export const documents = sqliteTable(
  'documents',
  {
    id: id('dcm'),
    patientId: owner(),
    uploadedBy: text('uploaded_by')
      .notNull()
      .references(() => users.id),
    appointmentId: text('appointment_id').references(() => appointments.id),
    title: text('title').notNull(),
    category: text('category', { enum: DOCUMENT_CATEGORIES }).notNull(),
    // Detected from the file's bytes, never from its name.
    contentType: text('content_type', { enum: DOCUMENT_CONTENT_TYPES }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull(),
    storageKey: text('storage_key').notNull(),
    createdAt: createdAt(),
    deletedAt: instant('deleted_at'),
  },
  (t) => [
    index('documents_patient_idx').on(t.patientId, t.createdAt),
    check('documents_category_check', oneOf(t.category, DOCUMENT_CATEGORIES)),
    check('documents_content_type_check', oneOf(t.contentType, DOCUMENT_CONTENT_TYPES)),
    // 10 MB upload limit (docs/api.md).
    check('documents_size_check', sql`${t.sizeBytes} between 1 and 10485760`),
  ],
)
