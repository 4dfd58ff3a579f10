import { requireDoctor, type RequestContext } from '../../core/context'
import { localPaymentsAllowed, webhookSecret } from '../../core/stripe'
import { BadRequestError, ConflictError, NotFoundError } from '../../lib/errors'
import { randomToken } from '../../lib/ids'
import { stripeSignatureHeader } from '../../lib/webhook-signature'
import { paymentOfAppointment } from '../payments/service'
import { payoutAccountStatement } from '../payouts/queries'
import { localSubscriptionsDueStatement } from '../plans/queries'
import { pendingSubscriptionOf } from '../plans/service'
import { receiveWebhook } from './service'

// Local test mode (no Stripe keys, never in production): test pages stand in for Stripe's hosted
// ones — Checkout for a visit or a plan, Connect onboarding — and a nightly job for Stripe's
// renewals. Each sends the app the event Stripe would send, signed as Stripe signs it, through
// the real webhook path.

const secondsOf = (at: Date) => Math.floor(at.getTime() / 1000)

async function deliverLocally(ctx: RequestContext, type: string, object: Record<string, unknown>) {
  if (!localPaymentsAllowed(ctx.env)) throw new BadRequestError('Payments go through Stripe here.')
  const event = { id: `evt_local_${randomToken(12)}`, object: 'event', type, created: secondsOf(ctx.now), livemode: false, data: { object } }
  const body = JSON.stringify(event)
  const result = await receiveWebhook(ctx, body, await stripeSignatureHeader((await webhookSecret(ctx.env))!, body, ctx.now))
  return result.handled
}

/** Checkout completed and paid, for our payment or subscription (its client reference). */
function checkoutCompleted(ctx: RequestContext, paid: { mode: 'payment' | 'subscription'; reference: string; amountCents: number; currency: string }, made: Record<string, string>) {
  return deliverLocally(ctx, 'checkout.session.completed', {
    id: `cs_local_${paid.reference}`,
    object: 'checkout.session',
    mode: paid.mode,
    client_reference_id: paid.reference,
    payment_status: 'paid',
    amount_total: paid.amountCents,
    currency: paid.currency.toLowerCase(),
    ...made,
  })
}

/**
 * The local payment page's buttons: "Pay" is Checkout completing; "Decline" is a card refused,
 * which changes nothing (the hold stays until it expires, as on Checkout).
 */
export async function payLocally(ctx: RequestContext, appointmentId: string, outcome: 'pay' | 'decline') {
  if (!localPaymentsAllowed(ctx.env)) throw new BadRequestError('Payments go through Stripe here.')
  const payment = await paymentOfAppointment(ctx, appointmentId)
  if (outcome === 'decline') return 'declined'
  return checkoutCompleted(ctx, { mode: 'payment', reference: payment.id, amountCents: payment.amountCents, currency: payment.currency }, { payment_intent: `pi_local_${payment.id}` })
}

/** The local onboarding page's "Finish": the doctor's local account may receive payouts. */
export async function onboardLocally(ctx: RequestContext) {
  const doctor = requireDoctor(ctx)
  const [account] = await payoutAccountStatement(ctx.db, doctor.doctorId)
  if (!account?.accountId) throw new NotFoundError('Start setting up payouts first.')
  return deliverLocally(ctx, 'account.updated', { id: account.accountId, object: 'account', payouts_enabled: true, details_submitted: true, charges_enabled: true })
}

/** The local plan checkout's buttons: "Subscribe" completes Checkout; "Decline" changes nothing. */
export async function subscribeLocally(ctx: RequestContext, subscriptionId: string, outcome: 'pay' | 'decline') {
  const sub = await pendingSubscriptionOf(ctx, subscriptionId)
  if (sub.status !== 'incomplete') throw new ConflictError('This subscription is already settled.', 'not_due')
  if (outcome === 'decline') return 'declined'
  return checkoutCompleted(ctx, { mode: 'subscription', reference: sub.id, amountCents: sub.plan.priceCents, currency: sub.plan.currency }, { subscription: `sub_local_${sub.id}` })
}

/**
 * Stripe's part at the end of each period, played locally (a nightly job): a subscription
 * cancelled at its period's end ends; any other renews (local cards never fail — the tests send
 * Stripe's `invoice.payment_failed` themselves).
 */
export async function renewLocalSubscriptions(ctx: RequestContext, bounds = { perRun: 200 }) {
  if (!localPaymentsAllowed(ctx.env)) return { renewed: 0, ended: 0 }
  let renewed = 0
  let ended = 0
  for (const sub of await localSubscriptionsDueStatement(ctx.db, ctx.now, bounds.perRun)) {
    const stripeSubscription = sub.stripeSubscriptionId ?? `sub_local_${sub.id}`
    if (sub.cancelAtPeriodEnd) {
      await deliverLocally(ctx, 'customer.subscription.deleted', { id: stripeSubscription, object: 'subscription', status: 'canceled', metadata: { subscription_id: sub.id } })
      ended++
      continue
    }
    const end = new Date(sub.currentPeriodEnd)
    end.setUTCMonth(end.getUTCMonth() + 1)
    await deliverLocally(ctx, 'invoice.paid', {
      id: `in_local_${randomToken(8)}`,
      object: 'invoice',
      status: 'paid',
      parent: { type: 'subscription_details', subscription_details: { subscription: stripeSubscription, metadata: { subscription_id: sub.id } } },
      lines: { object: 'list', data: [{ object: 'line_item', period: { start: secondsOf(sub.currentPeriodEnd), end: secondsOf(end) } }] },
    })
    renewed++
  }
  return { renewed, ended }
}
