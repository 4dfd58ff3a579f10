import { and, desc, eq, inArray, or, sql, type SQL } from 'drizzle-orm'
import { containsPattern, keysetAfter, keysetOrder, withinDays } from '../../core/table-queries'
import type { AdminPaymentsQuery } from './schemas'
import type { Db } from '../../db/client'
import type { Actor } from '../../core/actor'
import { doctorScope } from '../../core/clinic-scope-queries'
import { alias } from 'drizzle-orm/sqlite-core'
import { commissionPercentSql } from '../plans/queries'
import { appointments, clinics, doctors, payments, refunds, users } from '../../db/schema'

const paymentColumns = {
  id: payments.id,
  appointmentId: payments.appointmentId,
  patientId: payments.patientId,
  doctorId: payments.doctorId,
  doctorClinicId: doctors.clinicId,
  amountCents: payments.amountCents,
  refundedCents: payments.refundedCents,
  currency: payments.currency,
  status: payments.status,
  provider: payments.provider,
  providerRef: payments.providerRef,
  checkoutSessionId: payments.checkoutSessionId,
  paidAt: payments.paidAt,
  invoiceNumber: payments.invoiceNumber,
  createdAt: payments.createdAt,
  doctorName: users.name,
  startAt: appointments.startAt,
  type: appointments.type,
  appointmentStatus: appointments.status,
  paymentDueBy: appointments.paymentDueBy,
}

const paymentSelect = (db: Db) =>
  db
    .select(paymentColumns)
    .from(payments)
    .innerJoin(doctors, eq(doctors.id, payments.doctorId))
    .innerJoin(users, eq(users.id, doctors.userId))
    .leftJoin(appointments, eq(appointments.id, payments.appointmentId))

export type PaymentRow = Awaited<ReturnType<typeof paymentStatement>>[number]

export const paymentStatement = (db: Db, id: string) => paymentSelect(db).where(eq(payments.id, id))

/** An appointment's latest payment, if it is the patient's. */
export const appointmentPaymentStatement = (db: Db, appointmentId: string, patientId: string) =>
  paymentSelect(db)
    .where(and(eq(payments.appointmentId, appointmentId), eq(payments.patientId, patientId)))
    .orderBy(desc(payments.createdAt))
    .limit(1)

/** Payments, newest first: a patient's own (`patientId`), or every one the admin may see (`scope`). */
export const paymentsStatement = (db: Db, who: { patientId: string } | { scope: SQL | undefined }, limit: number) =>
  paymentSelect(db)
    .where('patientId' in who ? eq(payments.patientId, who.patientId) : who.scope)
    .orderBy(desc(payments.createdAt))
    .limit(limit)

/**
 * The money came in: the payment succeeded (also one marked failed when its hold expired — the
 * patient paid after all). Nothing changes for one already settled.
 */
export const markPaidStatement = (db: Db, id: string, paid: { paymentIntent: string | null; checkoutSession: string | null; defaultCommissionPercent: number; now: Date }) =>
  db
    .update(payments)
    .set({
      status: 'succeeded',
      providerRef: paid.paymentIntent,
      checkoutSessionId: paid.checkoutSession,
      // The commission of the doctor's plan in force, else the platform's: fixed now.
      commissionCents: sql`cast(round(${payments.amountCents} * ${commissionPercentSql(sql.raw('"payments"."doctor_id"'), paid.now, paid.defaultCommissionPercent)} / 100.0) as integer)`,
      paidAt: paid.now,
      updatedAt: paid.now,
    })
    .where(and(eq(payments.id, id), inArray(payments.status, ['pending', 'failed'])))
    .returning({ id: payments.id })

export const rememberCheckoutSessionStatement = (db: Db, id: string, sessionId: string) => db.update(payments).set({ checkoutSessionId: sessionId }).where(eq(payments.id, id))

/**
 * A full refund: its row, and the payment marked refunded once the money is back (at once
 * locally; for Stripe when its `charge.refunded` event says so). Only of a payment that succeeded.
 */
export function refundStatements(db: Db, refund: { id: string; paymentId: string; amountCents: number; reason: string; done: boolean; now: Date }) {
  const refundable = sql`exists (select 1 from ${payments} where ${payments.id} = ${refund.paymentId} and ${payments.status} = 'succeeded')`
  return [
    db.run(sql`insert into ${refunds} (id, payment_id, amount_cents, reason, status, created_at)
      select ${refund.id}, ${refund.paymentId}, ${refund.amountCents}, ${refund.reason}, ${refund.done ? 'succeeded' : 'pending'}, ${refund.now.getTime()} where ${refundable}`),
    ...(refund.done ? [markRefundedStatement(db, refund.paymentId, refund.now)] : []),
  ] as const
}

/** The payment's money is back (in full, or `amountRefunded` of it as Stripe reports), its refunds done. */
export function markRefundedStatement(db: Db, paymentId: string, now: Date, amountRefunded?: number) {
  const refunded = amountRefunded === undefined ? sql`${payments.amountCents}` : sql`min(${amountRefunded}, ${payments.amountCents})`
  return db
    .update(payments)
    .set({ status: sql`case when ${refunded} >= ${payments.amountCents} then 'refunded' else 'partially_refunded' end`, refundedCents: refunded, updatedAt: now })
    .where(and(eq(payments.id, paymentId), inArray(payments.status, ['succeeded', 'partially_refunded'])))
}

export const refundsDoneStatement = (db: Db, paymentId: string) => db.update(refunds).set({ status: 'succeeded' }).where(and(eq(refunds.paymentId, paymentId), eq(refunds.status, 'pending'))).returning({ id: refunds.id })

/** The payment a Stripe payment intent belongs to. */
export const paymentByIntentStatement = (db: Db, paymentIntent: string) => db.select({ id: payments.id }).from(payments).where(eq(payments.providerRef, paymentIntent))

/** Refunds waiting to be sent to Stripe, oldest first, with the payment intent they go back to. */
export const pendingRefundsStatement = (db: Db, limit: number) =>
  db
    .select({ id: refunds.id, paymentId: refunds.paymentId, amountCents: refunds.amountCents, paymentIntent: payments.providerRef })
    .from(refunds)
    .innerJoin(payments, eq(payments.id, refunds.paymentId))
    .where(and(eq(refunds.status, 'pending'), eq(payments.provider, 'stripe')))
    .orderBy(refunds.createdAt)
    .limit(limit)

/**
 * A refund an admin makes by hand (with a reason): written only if the payment succeeded and the
 * amount is at most what is left; done at once without Stripe (the payment becomes refunded or
 * partly so), pending for the payments job otherwise.
 */
export function manualRefundStatements(db: Db, refund: { id: string; paymentId: string; amountCents: number; reason: string; viaStripe: boolean; now: Date }) {
  const refundable = and(eq(payments.id, refund.paymentId), inArray(payments.status, ['succeeded', 'partially_refunded']), sql`${payments.amountCents} - ${payments.refundedCents} >= ${refund.amountCents}`)
  return [
    db.run(sql`insert into ${refunds} (id, payment_id, amount_cents, reason, status, created_at)
      select ${refund.id}, ${refund.paymentId}, ${refund.amountCents}, ${refund.reason}, ${refund.viaStripe ? 'pending' : 'succeeded'}, ${refund.now.getTime()} where exists (select 1 from ${payments} where ${refundable})`),
    ...(refund.viaStripe
      ? []
      : [
          db
            .update(payments)
            .set({ refundedCents: sql`${payments.refundedCents} + ${refund.amountCents}`, status: sql`case when ${payments.refundedCents} + ${refund.amountCents} >= ${payments.amountCents} then 'refunded' else 'partially_refunded' end`, updatedAt: refund.now })
            .where(and(refundable, sql`exists (select 1 from ${refunds} where ${refunds.id} = ${refund.id})`)),
        ]),
  ] as const
}

/** The payments an admin may see: a clinic admin's clinic's doctors', everyone's for the others. */
export const paymentScope = (actor: Actor) => doctorScope(actor, payments.doctorId)

/** Everything a receipt shows: the payment, who paid and who was paid (with the clinic), and its refunds. */
export function receiptStatements(db: Db, paymentId: string) {
  const patient = alias(users, 'receipt_patient')
  return [
    db
      .select({ invoiceNumber: payments.invoiceNumber, patientName: patient.name, patientEmail: patient.email, clinicName: clinics.name, clinicAddress: clinics.address, practiceAddress: doctors.practiceAddress, city: doctors.city })
      .from(payments)
      .innerJoin(patient, eq(patient.id, payments.patientId))
      .innerJoin(doctors, eq(doctors.id, payments.doctorId))
      .leftJoin(clinics, eq(clinics.id, doctors.clinicId))
      .where(eq(payments.id, paymentId)),
    db.select({ id: refunds.id, amountCents: refunds.amountCents, reason: refunds.reason, status: refunds.status, receiptNumber: refunds.receiptNumber, createdAt: refunds.createdAt }).from(refunds).where(eq(refunds.paymentId, paymentId)).orderBy(refunds.createdAt),
  ] as const
}

/** A page of the admins' payments table (within the clinic rule), newest first by default, keyset by creation. */
export function adminPaymentsStatement(db: Db, actor: Actor, query: AdminPaymentsQuery, after: { v: number; id: string } | undefined, limit: number) {
  const patient = alias(users, 'payer')
  const pattern = query.q ? containsPattern(query.q) : undefined
  return db
    .select({ ...paymentColumns, patientName: patient.name })
    .from(payments)
    .innerJoin(doctors, eq(doctors.id, payments.doctorId))
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(patient, eq(patient.id, payments.patientId))
    .leftJoin(appointments, eq(appointments.id, payments.appointmentId))
    .where(
      and(
        pattern ? or(eq(payments.id, query.q!), eq(payments.invoiceNumber, query.q!), sql`lower(${patient.name}) like ${pattern} escape '\\'`, sql`lower(${users.name}) like ${pattern} escape '\\'`) : undefined,
        query.status ? eq(payments.status, query.status) : undefined,
        withinDays(payments.createdAt, query.from, query.to),
        paymentScope(actor),
        keysetAfter(payments.createdAt, payments.id, query.dir, after && { v: new Date(after.v), id: after.id }),
      ),
    )
    .orderBy(...keysetOrder(payments.createdAt, payments.id, query.dir))
    .limit(limit)
}
export type AdminPaymentRow = Awaited<ReturnType<typeof adminPaymentsStatement>>[number]

export type EarningsEntry = { kind: 'payment' | 'commission' | 'refund' | 'commission_returned'; payment_id: string; at: number; type: string | null; currency: string; amount: number }

/**
 * A doctor's earnings ledger over a range, newest first: each payment (+), the platform's
 * commission on it (−, at the rate of its day), each refund (−) and the commission it gives back
 * (+, in proportion). One statement.
 */
export function earningsEntriesStatement(db: Db, doctorId: string, range: { from: number; to: number }) {
  const paid = sql`coalesce(p.paid_at, p.created_at)`
  const made = sql`p.doctor_id = ${doctorId} and p.status in ('succeeded', 'partially_refunded', 'refunded') and ${paid} >= ${range.from} and ${paid} < ${range.to}`
  const refunded = sql`p.doctor_id = ${doctorId} and r.status = 'succeeded' and r.created_at >= ${range.from} and r.created_at < ${range.to}`
  return db.all<EarningsEntry>(sql`
    select 'payment' as kind, p.id as payment_id, ${paid} as at, a.type as type, p.currency as currency, p.amount_cents as amount
      from ${payments} p left join ${appointments} a on a.id = p.appointment_id where ${made}
    union all
    select 'commission', p.id, ${paid}, a.type, p.currency, -p.commission_cents
      from ${payments} p left join ${appointments} a on a.id = p.appointment_id where ${made} and p.commission_cents > 0
    union all
    select 'refund', p.id, r.created_at, a.type, p.currency, -r.amount_cents
      from ${refunds} r join ${payments} p on p.id = r.payment_id left join ${appointments} a on a.id = p.appointment_id where ${refunded}
    union all
    select 'commission_returned', p.id, r.created_at, a.type, p.currency, cast(round(r.amount_cents * p.commission_cents * 1.0 / p.amount_cents) as integer)
      from ${refunds} r join ${payments} p on p.id = r.payment_id left join ${appointments} a on a.id = p.appointment_id where ${refunded} and p.commission_cents > 0
    order by at desc, kind`)
}

/**
 * True (in SQL) when the payment was recorded as paid by this very request (its paid_at is this
 * request's instant): the receipt's notice goes out once, not again for a repeated event.
 */
export const paidJustNow = (paymentId: string, now: Date) => sql`exists (select 1 from ${payments} where ${payments.id} = ${paymentId} and ${payments.paidAt} = ${now.getTime()})`
