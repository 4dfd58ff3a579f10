import { sql } from 'drizzle-orm'
import { check, index, integer, primaryKey, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { clinics } from './clinics'
import { CONSULTATION_TYPES, DOCTOR_DOCUMENT_KINDS, DOCUMENT_CONTENT_TYPES, DOCTOR_STATUSES, SUBSCRIPTION_STATUSES, type PlanFeature } from './enums'
import { users } from './users'

export const specialties = sqliteTable(
  'specialties',
  {
    id: id('spc'),
    name: text('name').notNull(),
    slug: text('slug').notNull(),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    // The booking questionnaire's lists for this specialty (JSON arrays of labels), edited by
    // admins; null: the platform's defaults (features/intake/questionnaire.ts).
    intakeSymptoms: text('intake_symptoms', { mode: 'json' }).$type<string[]>(),
    intakeRedFlags: text('intake_red_flags', { mode: 'json' }).$type<string[]>(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex('specialties_slug_unique').on(t.slug)],
)

export const doctors = sqliteTable(
  'doctors',
  {
    id: id('doc'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    licenseNumber: text('license_number').notNull(),
    // The last day the licence is valid ("YYYY-MM-DD"), when known: admins are warned before it lapses.
    licenseExpiresOn: text('license_expires_on'),
    // The clinic the doctor practises with (null: independent, seen by super admins only).
    clinicId: text('clinic_id').references(() => clinics.id),
    specialtyId: text('specialty_id')
      .notNull()
      .references(() => specialties.id),
    status: text('status', { enum: DOCTOR_STATUSES }).notNull().default('pending'),
    statusReason: text('status_reason'),
    verifiedAt: instant('verified_at'),
    verifiedBy: text('verified_by').references(() => users.id),
    bio: text('bio'),
    qualifications: text('qualifications'),
    city: text('city'),
    // Where in-person visits take place (street and number, postcode): shown to patients with a map link.
    practiceAddress: text('practice_address'),
    photoKey: text('photo_key'),
    feeCents: integer('fee_cents').notNull().default(0),
    currency: text('currency').notNull().default('USD'),
    chargeUpFront: integer('charge_up_front', { mode: 'boolean' }).notNull().default(false),
    // Their Stripe Connect (Express) account, and whether Stripe lets it receive payouts yet.
    stripeAccountId: text('stripe_account_id'),
    payoutsEnabled: integer('payouts_enabled', { mode: 'boolean' }).notNull().default(false),
    // Denormalised from published reviews so search can sort by rating without a join.
    ratingAverage: real('rating_average'),
    reviewCount: integer('review_count').notNull().default(0),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('doctors_clinic_idx').on(t.clinicId),
    // One doctor profile per account.
    uniqueIndex('doctors_user_unique').on(t.userId),
    // A licence identifies one doctor; case and spacing do not make a new one.
    uniqueIndex('doctors_license_unique').on(sql`upper(${t.licenseNumber})`),
    index('doctors_search_idx').on(t.status, t.specialtyId, t.city),
    index('doctors_status_rating_idx').on(t.status, t.ratingAverage),
    check('doctors_status_check', oneOf(t.status, DOCTOR_STATUSES)),
    check('doctors_fee_check', sql`${t.feeCents} >= 0`),
    check('doctors_currency_check', sql`length(${t.currency}) = 3`),
  ],
)

export const doctorLanguages = sqliteTable(
  'doctor_languages',
  {
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    // BCP 47 language tag, e.g. "en", "de", "pt-BR".
    language: text('language').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.doctorId, t.language] }),
    index('doctor_languages_language_idx').on(t.language, t.doctorId),
  ],
)

export const doctorConsultationTypes = sqliteTable(
  'doctor_consultation_types',
  {
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    type: text('type', { enum: CONSULTATION_TYPES }).notNull(),
    durationMinutes: integer('duration_minutes').notNull(),
    // This type's fee, in the doctor's currency's minor units; null: the doctor's standard fee.
    feeCents: integer('fee_cents'),
  },
  (t) => [
    primaryKey({ columns: [t.doctorId, t.type] }),
    check('doctor_consultation_types_type_check', oneOf(t.type, CONSULTATION_TYPES)),
    check('doctor_consultation_types_duration_check', sql`${t.durationMinutes} between 5 and 480`),
    check('doctor_consultation_types_fee_check', sql`${t.feeCents} is null or ${t.feeCents} >= 0`),
  ],
)

// Documents a doctor submits with an application (licence scans, diplomas), kept in R2 and
// reviewed by an admin on the doctor's page.
export const doctorDocuments = sqliteTable(
  'doctor_documents',
  {
    id: id('ddc'),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    kind: text('kind', { enum: DOCTOR_DOCUMENT_KINDS }).notNull().default('other'),
    title: text('title').notNull(),
    // Detected from the file's bytes, never from its name.
    contentType: text('content_type', { enum: DOCUMENT_CONTENT_TYPES }).notNull(),
    sizeBytes: integer('size_bytes').notNull(),
    sha256: text('sha256').notNull().default(''),
    storageKey: text('storage_key').notNull(),
    createdAt: createdAt(),
    reviewedAt: instant('reviewed_at'),
    reviewedBy: text('reviewed_by').references(() => users.id),
  },
  (t) => [
    index('doctor_documents_doctor_idx').on(t.doctorId),
    check('doctor_documents_kind_check', oneOf(t.kind, DOCTOR_DOCUMENT_KINDS)),
    check('doctor_documents_size_check', sql`${t.sizeBytes} between 1 and 10485760`),
  ],
)

export const availabilitySettings = sqliteTable(
  'availability_settings',
  {
    doctorId: text('doctor_id')
      .primaryKey()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    // IANA zone the weekly hours are written in; slots are computed there (DST included).
    timezone: text('timezone').notNull(),
    slotMinutes: integer('slot_minutes').notNull().default(30),
    bufferMinutes: integer('buffer_minutes').notNull().default(0),
    minNoticeMinutes: integer('min_notice_minutes').notNull().default(120),
    maxAdvanceDays: integer('max_advance_days').notNull().default(60),
    autoConfirm: integer('auto_confirm', { mode: 'boolean' }).notNull().default(true),
    updatedAt: updatedAt(),
  },
  (t) => [
    check('availability_slot_check', sql`${t.slotMinutes} between 5 and 480`),
    check('availability_buffer_check', sql`${t.bufferMinutes} between 0 and 240`),
    check('availability_notice_check', sql`${t.minNoticeMinutes} >= 0`),
    check('availability_advance_check', sql`${t.maxAdvanceDays} between 1 and 730`),
  ],
)

// Weekly working hours; several ranges a day are several rows. Minutes after local midnight.
export const availabilityRules = sqliteTable(
  'availability_rules',
  {
    id: id('avr'),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    weekday: integer('weekday').notNull(), // ISO: Monday = 1 … Sunday = 7
    startMinute: integer('start_minute').notNull(),
    endMinute: integer('end_minute').notNull(),
  },
  (t) => [
    index('availability_rules_doctor_idx').on(t.doctorId, t.weekday),
    check('availability_rules_weekday_check', sql`${t.weekday} between 1 and 7`),
    check(
      'availability_rules_range_check',
      sql`${t.startMinute} >= 0 and ${t.endMinute} <= 1440 and ${t.startMinute} < ${t.endMinute}`,
    ),
  ],
)

export const timeOff = sqliteTable(
  'time_off',
  {
    id: id('off'),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    startAt: instant('start_at').notNull(),
    endAt: instant('end_at').notNull(),
    reason: text('reason'),
    createdAt: createdAt(),
  },
  (t) => [
    index('time_off_doctor_idx').on(t.doctorId, t.startAt),
    check('time_off_range_check', sql`${t.startAt} < ${t.endAt}`),
  ],
)

// Plans doctors subscribe to (monthly, through Stripe Checkout in subscription mode): the
// platform's commission on their payments while it is in force, and what it adds (PLAN_FEATURES,
// and how many consultation types they may offer; null: all).
export const subscriptionPlans = sqliteTable(
  'subscription_plans',
  {
    id: id('pln'),
    name: text('name').notNull(),
    priceCents: integer('price_cents').notNull(),
    currency: text('currency').notNull().default('USD'),
    interval: text('interval', { enum: ['month', 'year'] }).notNull().default('month'),
    commissionPercent: integer('commission_percent').notNull().default(10),
    maxConsultationTypes: integer('max_consultation_types'),
    features: text('features', { mode: 'json' }).$type<PlanFeature[]>().notNull().default(sql`'[]'`),
    active: integer('active', { mode: 'boolean' }).notNull().default(true),
    createdAt: createdAt(),
  },
  (t) => [
    check('subscription_plans_price_check', sql`${t.priceCents} >= 0`),
    check('subscription_plans_commission_check', sql`${t.commissionPercent} between 0 and 100`),
    check('subscription_plans_types_check', sql`${t.maxConsultationTypes} is null or ${t.maxConsultationTypes} >= 1`),
  ],
)

// A doctor's subscription. `features_until` is when the plan stops applying unless Stripe reports
// a renewal: the period's end plus the grace period (or just the period's end once cancelled).
export const doctorSubscriptions = sqliteTable(
  'doctor_subscriptions',
  {
    id: id('sub'),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id, { onDelete: 'cascade' }),
    planId: text('plan_id')
      .notNull()
      .references(() => subscriptionPlans.id),
    status: text('status', { enum: SUBSCRIPTION_STATUSES }).notNull(),
    provider: text('provider').notNull().default('local'),
    stripeSubscriptionId: text('stripe_subscription_id'),
    checkoutSessionId: text('checkout_session_id'),
    currentPeriodEnd: instant('current_period_end').notNull(),
    featuresUntil: instant('features_until'),
    cancelAtPeriodEnd: integer('cancel_at_period_end', { mode: 'boolean' }).notNull().default(false),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('doctor_subscriptions_doctor_idx').on(t.doctorId, t.status),
    // One live subscription per doctor.
    uniqueIndex('doctor_subscriptions_live_unique')
      .on(t.doctorId)
      .where(sql`${t.status} in ('active', 'past_due')`),
    uniqueIndex('doctor_subscriptions_stripe_unique')
      .on(t.stripeSubscriptionId)
      .where(sql`${t.stripeSubscriptionId} is not null`),
    check('doctor_subscriptions_status_check', oneOf(t.status, SUBSCRIPTION_STATUSES)),
  ],
)
