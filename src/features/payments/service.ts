import { requireActor, type RequestContext } from '../../core/context'
import { actorAuditIfChanged, actorAuditStatement } from '../../core/audit'
import { isClinicAdmin } from '../../core/actor'
import { seesClinic } from '../../core/clinic-scope'
import { appLink } from '../../core/mail/send'
import { noticeStatements, noticesStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { stripeClient, stripeConfigured } from '../../core/stripe'
import { receiptNumberStatements } from '../../core/receipt-queries'
import { settingsOf } from '../../core/settings-of'
import { keysetPages, pageOf } from '../../core/keyset-pages'
import { decodeCursor } from '../../lib/cursor'
import { z } from 'zod'
import type { AdminPaymentsQuery } from './schemas'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { log } from '../../lib/log'
import { DAY_MS } from '../../lib/time'
import { CONSULTATION_LABELS } from '../../lib/format'
import { bookPaidHold } from '../appointments/service/holds'
import { latePaymentRefundedNotices } from '../appointments/notify'
import { emailLinks } from '../mail/links'
import { receiptMessage } from '../mail/templates'
import { appointmentChanged, findAppointment } from '../appointments/queries'
import {
  adminPaymentsStatement,
  appointmentPaymentStatement,
  markPaidStatement,
  markRefundedStatement,
  paymentByIntentStatement,
  pendingRefundsStatement,
  manualRefundStatements,
  paymentScope,
  paymentsStatement,
  paymentStatement,
  paidJustNow,
  receiptStatements,
  earningsEntriesStatement,
  refundsDoneStatement,
  refundStatements,
  rememberCheckoutSessionStatement,
  type PaymentRow,
} from './queries'

// Paying for a visit. Booking a doctor who charges up front holds the slot (appointments'
// book.ts); the patient pays on Stripe Checkout (or, without Stripe keys, the local test page);
// only the webhook that confirms the payment turns the hold into the booking. Amounts always come
// from our own prices, and no card data ever reaches us.

/**
 * Stripe says a charge was refunded (`charge.refunded`): the payment's refunds are done, each
 * numbered for its receipt. Repeats change nothing.
 */
export async function chargeRefunded(ctx: RequestContext, paymentIntent: string, amountRefunded: number) {
  const [payment] = await paymentByIntentStatement(ctx.db, paymentIntent)
  if (!payment) return 'ignored'
  const done = await refundsDoneStatement(ctx.db, payment.id)
  await ctx.db.batch([markRefundedStatement(ctx.db, payment.id, ctx.now, amountRefunded), ...done.flatMap((r) => receiptNumberStatements(ctx.db, { kind: 'refunds', id: r.id }, ctx.now))])
  return 'refunded'
}

/**
 * The money for a payment came in: it is recorded, and its hold becomes the booking; if the
 * hold expired and the time was taken meanwhile, the payment is refunded in full and the patient
 * is offered other times. Repeats change nothing.
 */
export async function settlePayment(ctx: RequestContext, paymentId: string, paid: { paymentIntent: string | null; checkoutSession: string | null }) {
  // Paid, and the receipt numbered, in one transaction.
  const defaultCommissionPercent = (await settingsOf(ctx))['payments.commission_percent']
  await ctx.db.batch([markPaidStatement(ctx.db, paymentId, { ...paid, defaultCommissionPercent, now: ctx.now }), ...receiptNumberStatements(ctx.db, { kind: 'payments', id: paymentId }, ctx.now)])
  const [payment] = await paymentStatement(ctx.db, paymentId)
  if (!payment || payment.status !== 'succeeded' || !payment.appointmentId) return 'ignored'
  const settled = await bookPaidHold(ctx, payment.appointmentId)
  if (settled.outcome === 'booked') {
    await sendReceipt(ctx, payment)
    return 'booked'
  }
  await refundInFull(ctx, payment, 'The time was no longer free when the payment arrived.', settled.alternatives)
  return 'refunded'
}

/** A refund of the whole payment: through Stripe's Refunds API (idempotent), or at once locally. */
async function refundInFull(ctx: RequestContext, payment: PaymentRow, reason: string, alternatives: Date[]) {
  const viaStripe = payment.provider === 'stripe' && stripeConfigured(ctx.env)
  if (viaStripe && payment.providerRef) {
    await stripeClient(ctx.env).refunds.create({ payment_intent: payment.providerRef, reason: 'requested_by_customer', metadata: { payment_id: payment.id } }, { idempotencyKey: `refund-${payment.id}` })
  }
  const appointment = payment.appointmentId ? await findAppointment(ctx.db, payment.appointmentId) : undefined
  const notices = appointment ? latePaymentRefundedNotices(ctx, appointment, alternatives) : []
  const refundId = newId('rfd')
  await ctx.db.batch([
    ...refundStatements(ctx.db, { id: refundId, paymentId: payment.id, amountCents: payment.amountCents, reason, done: !viaStripe, now: ctx.now }),
    ...receiptNumberStatements(ctx.db, { kind: 'refunds', id: refundId }, ctx.now),
    ...(appointment ? noticesStatements(ctx, notices, appointmentChanged(appointment.id)) : []),
  ])
  afterNotices(ctx, notices)
  log('info', 'payment refunded', { payment_id: payment.id, via: viaStripe ? 'stripe' : 'local' })
}

/** The patient's payment of an appointment: 404 for anyone else's. */
export async function paymentOfAppointment(ctx: RequestContext, appointmentId: string) {
  const patient = requireActor(ctx)
  const [payment] = await appointmentPaymentStatement(ctx.db, appointmentId, patient.id)
  if (!payment) throw new NotFoundError('No payment is due for this appointment.')
  return payment
}

/**
 * Where the patient pays: Stripe Checkout when Stripe is configured (a session made once per
 * payment: the idempotency key), else the local test page (null).
 */
export async function checkoutUrl(ctx: RequestContext, payment: PaymentRow): Promise<string | null> {
  if (!stripeConfigured(ctx.env)) return null
  if (payment.status !== 'pending' || !payment.paymentDueBy) throw new ConflictError('This payment is no longer due.', 'not_due')
  const back = (path: string) => appLink(ctx, `/appointments/${payment.appointmentId}${path}`)
  // Stripe keeps a session open for at least 30 minutes; a payment after the hold expired is settled as late.
  const expiresAt = Math.max(payment.paymentDueBy.getTime(), ctx.now.getTime() + 31 * 60_000)
  const session = await stripeClient(ctx.env).checkout.sessions.create(
    {
      mode: 'payment',
      client_reference_id: payment.id,
      line_items: [{ quantity: 1, price_data: { currency: payment.currency.toLowerCase(), unit_amount: payment.amountCents, product_data: { name: `${CONSULTATION_LABELS[payment.type as keyof typeof CONSULTATION_LABELS] ?? 'Visit'} with ${payment.doctorName}` } } }],
      success_url: back('/paid'),
      cancel_url: back('/pay'),
      expires_at: Math.floor(expiresAt / 1000),
      payment_intent_data: { metadata: { payment_id: payment.id } },
    },
    { idempotencyKey: `checkout-${payment.id}` },
  )
  await rememberCheckoutSessionStatement(ctx.db, payment.id, session.id)
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
  return session.url
}

/** The caller's payments, newest first (a patient's own; for admins every one they may see). */
export async function listPayments(ctx: RequestContext) {
  const actor = requireActor(ctx)
  return paymentsStatement(ctx.db, actor.role === 'admin' ? { scope: paymentScope(actor) } : { patientId: actor.id }, 100)
}

/**
 * Sends the refunds waiting for Stripe (a cancelled visit's, an admin's) through its Refunds API,
 * each with its own id as the idempotency key, so a second run asks nothing twice; Stripe's
 * charge.refunded event then marks them done. Nothing to do without Stripe (done at once).
 */
export async function sendPendingRefunds(ctx: RequestContext, bounds = { perRun: 50 }) {
  if (!stripeConfigured(ctx.env)) return { sent: 0 }
  const due = await pendingRefundsStatement(ctx.db, bounds.perRun)
  let sent = 0
  for (const refund of due) {
    if (!refund.paymentIntent) continue
    await stripeClient(ctx.env).refunds.create({ payment_intent: refund.paymentIntent, amount: refund.amountCents, metadata: { refund_id: refund.id, payment_id: refund.paymentId } }, { idempotencyKey: refund.id })
    sent++
  }
  return { sent }
}

/** An admin refunds a payment by hand, in full or in part, with a reason; audited. */
export async function refundByAdmin(ctx: RequestContext, paymentId: string, input: { amount_cents?: number; reason: string }) {
  const admin = requireActor(ctx)
  if (!isClinicAdmin(admin)) throw new ForbiddenError('Super and clinic admins refund payments.')
  const [payment] = await paymentStatement(ctx.db, paymentId)
  if (!payment || !seesClinic(admin, payment.doctorClinicId)) throw new NotFoundError('No such payment.')
  const amount = input.amount_cents ?? payment.amountCents - payment.refundedCents
  const viaStripe = payment.provider === 'stripe' && stripeConfigured(ctx.env)
  const refundId = newId('rfd')
  const [insertRefund, ...settle] = manualRefundStatements(ctx.db, { id: refundId, paymentId, amountCents: amount, reason: input.reason, viaStripe, now: ctx.now })
  // The audit entry only for a refund that was written.
  const [inserted] = await ctx.db.batch([
    insertRefund,
    actorAuditIfChanged(ctx, { action: 'admin.payment.refunded', entityType: 'payment', entityId: paymentId, subjectUserId: payment.patientId, metadata: { amount_cents: amount, reason: input.reason, before: { refunded_cents: payment.refundedCents } } }),
    ...settle,
    ...receiptNumberStatements(ctx.db, { kind: 'refunds', id: refundId }, ctx.now),
  ])
  if (inserted.rowsAffected === 0) throw new ConflictError('Only a payment that went through can be refunded, and at most what is left of it.', 'not_refundable')
  if (viaStripe) ctx.background(sendPendingRefunds(ctx))
  return (await paymentStatement(ctx.db, paymentId))[0]!
}

/**
 * A payment's receipt (and its refunds'): to its patient, and to admins who may see the payment;
 * anyone else gets 404. One round trip.
 */
export async function receiptOf(ctx: RequestContext, paymentId: string) {
  const actor = requireActor(ctx)
  const [[payment], [details], refunds] = await ctx.db.batch([paymentStatement(ctx.db, paymentId), ...receiptStatements(ctx.db, paymentId)])
  const mayRead = payment && (actor.role === 'admin' ? seesClinic(actor, payment.doctorClinicId) : payment.patientId === actor.id)
  if (!payment || !details || !mayRead || !details.invoiceNumber) throw new NotFoundError('No such receipt.')
  const settings = await settingsOf(ctx)
  return { payment, details, refunds: refunds.filter((r) => r.receiptNumber), tax: settings['payments.tax'], contact: settings['platform.contact'] }
}

export const ADMIN_PAGE = 50
const EXPORT_PAGE = 500
const Position = z.object({ v: z.number(), id: z.string().max(40) })

function requirePaymentsAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin') throw new ForbiddenError()
  return actor
}

/** A page of the admins' payments table (a clinic admin's clinic's only). */
export async function adminPayments(ctx: RequestContext, query: AdminPaymentsQuery) {
  const actor = requirePaymentsAdmin(ctx)
  const rows = await adminPaymentsStatement(ctx.db, actor, query, decodeCursor(query.cursor, Position), ADMIN_PAGE + 1)
  return pageOf(rows, ADMIN_PAGE, (row) => ({ v: row.createdAt.getTime(), id: row.id }))
}

/** Every matching payment, page by page (a streamed CSV export); audited. */
export async function* exportPayments(ctx: RequestContext, query: AdminPaymentsQuery) {
  const actor = requirePaymentsAdmin(ctx)
  await actorAuditStatement(ctx, { action: 'admin.payments.exported', entityType: 'payment', metadata: { filters: { ...query, cursor: undefined } } })
  yield* keysetPages((after: { v: number; id: string } | undefined) => adminPaymentsStatement(ctx.db, actor, query, after, EXPORT_PAGE), (row) => ({ v: row.createdAt.getTime(), id: row.id }), EXPORT_PAGE)
}

/**
 * The signed-in doctor's earnings over a range of UTC days (the 12 months up to today by
 * default): the ledger's entries, and its totals per month and currency and per consultation
 * type. One round trip.
 */
export async function doctorEarnings(ctx: RequestContext, range: { from?: string; to?: string }) {
  const actor = requireActor(ctx)
  if (!actor.doctorId) throw new ForbiddenError()
  const to = range.to ?? ctx.now.toISOString().slice(0, 10)
  const from = range.from ?? new Date(Date.parse(to) - 364 * DAY_MS).toISOString().slice(0, 10)
  const entries = await earningsEntriesStatement(ctx.db, actor.doctorId, { from: Date.parse(from), to: Date.parse(to) + DAY_MS })
  const months = new Map<string, { month: string; currency: string; gross: number; refunds: number; commission: number; net: number }>()
  const types = new Map<string, { type: string; currency: string; net: number }>()
  for (const e of entries) {
    const month = new Date(e.at).toISOString().slice(0, 7)
    const m = months.get(`${month} ${e.currency}`) ?? { month, currency: e.currency, gross: 0, refunds: 0, commission: 0, net: 0 }
    if (e.kind === 'payment') m.gross += e.amount
    else if (e.kind === 'refund') m.refunds -= e.amount
    else m.commission -= e.amount
    m.net += e.amount
    months.set(`${month} ${e.currency}`, m)
    const type = e.type ?? 'other'
    const t = types.get(`${type} ${e.currency}`) ?? { type, currency: e.currency, net: 0 }
    t.net += e.amount
    types.set(`${type} ${e.currency}`, t)
  }
  return { from, to, entries, months: [...months.values()].sort((a, b) => a.month.localeCompare(b.month)), types: [...types.values()] }
}

/** The patient is sent their receipt's link (in the app, and by email unless they turned it off). */
async function sendReceipt(ctx: RequestContext, payment: PaymentRow) {
  const [details] = await receiptStatements(ctx.db, payment.id)[0]
  if (!details?.invoiceNumber) return
  const message = receiptMessage({ name: details.patientName, doctorName: payment.doctorName, link: emailLinks.receipt(ctx, payment.id) })
  const notice: Notice = { userId: payment.patientId, kind: 'receipt', title: `Receipt ${details.invoiceNumber}`, link: `/payments/${payment.id}/receipt`, email: { to: details.patientEmail, ...message } }
  // Once per receipt: only when this request is the one that recorded the payment.
  const [first, ...rest] = noticeStatements(ctx, notice, paidJustNow(payment.id, ctx.now))
  await ctx.db.batch([first!, ...rest])
  afterNotices(ctx, [notice])
}
