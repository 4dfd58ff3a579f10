import { sql } from 'drizzle-orm'
import { check, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core'
import { createdAt, id, instant, oneOf, updatedAt } from './columns'
import { PAYMENT_STATUSES, PAYOUT_STATUSES, REFUND_STATUSES } from './enums'
import { appointments } from './appointments'
import { doctors } from './doctors'
import { users } from './users'

export const payments = sqliteTable(
  'payments',
  {
    id: id('pay'),
    appointmentId: text('appointment_id').references(() => appointments.id),
    patientId: text('patient_id')
      .notNull()
      .references(() => users.id),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    amountCents: integer('amount_cents').notNull(),
    refundedCents: integer('refunded_cents').notNull().default(0),
    // The platform's commission on it, fixed when it is paid (the payments.commission_percent setting then).
    commissionCents: integer('commission_cents').notNull().default(0),
    currency: text('currency').notNull(),
    status: text('status', { enum: PAYMENT_STATUSES }).notNull(),
    provider: text('provider').notNull(),
    // Stripe's payment intent (provider_ref) and Checkout Session, once known.
    providerRef: text('provider_ref'),
    checkoutSessionId: text('checkout_session_id'),
    paidAt: instant('paid_at'),
    invoiceNumber: text('invoice_number'),
    // The payout that passed the doctor's share on (null: not yet; only completed visits' are).
    payoutId: text('payout_id').references(() => payouts.id),
    createdAt: createdAt(),
    updatedAt: updatedAt(),
  },
  (t) => [
    index('payments_patient_idx').on(t.patientId, t.createdAt),
    index('payments_payout_idx').on(t.payoutId),
    index('payments_doctor_idx').on(t.doctorId, t.createdAt),
    index('payments_appointment_idx').on(t.appointmentId),
    uniqueIndex('payments_invoice_unique')
      .on(t.invoiceNumber)
      .where(sql`${t.invoiceNumber} is not null`),
    check('payments_status_check', oneOf(t.status, PAYMENT_STATUSES)),
    check('payments_amount_check', sql`${t.amountCents} >= 0`),
    // Never refund more than was paid.
    check('payments_refund_check', sql`${t.refundedCents} between 0 and ${t.amountCents}`),
  ],
)

export const refunds = sqliteTable(
  'refunds',
  {
    id: id('rfd'),
    paymentId: text('payment_id')
      .notNull()
      .references(() => payments.id),
    amountCents: integer('amount_cents').notNull(),
    reason: text('reason'),
    status: text('status', { enum: REFUND_STATUSES }).notNull(),
    // Its receipt's number, from the same gap-free yearly sequence as payments', once it is done.
    receiptNumber: text('receipt_number'),
    // The payout that took the doctor's part of it back (null: not yet).
    payoutId: text('payout_id').references(() => payouts.id),
    createdAt: createdAt(),
  },
  (t) => [
    index('refunds_payment_idx').on(t.paymentId),
    uniqueIndex('refunds_receipt_unique')
      .on(t.receiptNumber)
      .where(sql`${t.receiptNumber} is not null`),
    check('refunds_amount_check', sql`${t.amountCents} > 0`),
  ],
)

// A transfer of a doctor's share of completed visits' payments (less commission and refunds) to
// their Stripe Connect account, made by the weekly payouts run; locally it is paid at once.
export const payouts = sqliteTable(
  'payouts',
  {
    id: id('pyo'),
    doctorId: text('doctor_id')
      .notNull()
      .references(() => doctors.id),
    amountCents: integer('amount_cents').notNull(),
    currency: text('currency').notNull(),
    periodStart: instant('period_start').notNull(),
    periodEnd: instant('period_end').notNull(),
    status: text('status', { enum: PAYOUT_STATUSES }).notNull(),
    provider: text('provider').notNull().default('local'),
    // Stripe's transfer, once made; why the last attempt failed, if it did (retried next run).
    transferId: text('transfer_id'),
    failure: text('failure'),
    paidAt: instant('paid_at'),
    createdAt: createdAt(),
  },
  (t) => [index('payouts_doctor_idx').on(t.doctorId, t.periodEnd), index('payouts_status_idx').on(t.status)],
)

// Stripe webhook events already processed (their ids): each is acted on once, however often and
// in whatever order Stripe sends it.
export const stripeEvents = sqliteTable('stripe_events', {
  id: text('id').primaryKey(),
  type: text('type').notNull(),
  // When Stripe made the event, and when it reached us.
  createdAt: instant('created_at').notNull(),
  receivedAt: instant('received_at').notNull(),
})

// Receipt numbers: one gap-free sequence a year (MC-2027-000001, …), shared by payments and
// refunds. A number is taken in the same transaction as the receipt it goes on, and only then.
export const receiptCounters = sqliteTable('receipt_counters', {
  year: integer('year').primaryKey(),
  last: integer('last').notNull(),
})
