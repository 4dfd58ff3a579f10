import type { RequestContext } from '../../core/context'
import { stripeId, verifiedEvent, webhookSecrets, type StripeEvent } from '../../core/stripe'
import { AppError } from '../../lib/errors'
import { chargeRefunded, settlePayment } from '../payments/service'
import { accountUpdated } from '../payouts/service'
import { subscriptionEnded, subscriptionPaid, subscriptionRenewalFailed, type SubscriptionRef } from '../plans/service'
import { eventSeenStatement, recordEventStatement } from './queries'

// Stripe's webhook: every event Stripe (or the local test pages, signing as Stripe does) reports,
// checked and handed to the feature it concerns — payments, payouts, plans.

class WebhookNotConfiguredError extends AppError {
  constructor() {
    super(503, 'unavailable', 'Webhooks are not configured: set STRIPE_WEBHOOK_SECRET.')
  }
}

class InvalidSignatureError extends AppError {
  constructor() {
    super(400, 'invalid_signature', 'The Stripe-Signature header is missing, wrong, or too old.')
  }
}

/**
 * A webhook: its signature checked by the Stripe library (and refused when older than five
 * minutes: a replay), each event acted on once whatever the order. Handling is safe to repeat
 * (every change is conditional on the state it starts from), so the event is recorded as done
 * only after it was handled: a failure is retried by Stripe.
 */
export async function receiveWebhook(ctx: RequestContext, body: string, signature: string | undefined) {
  const secrets = await webhookSecrets(ctx.env)
  if (secrets.length === 0) throw new WebhookNotConfiguredError()
  if (!signature) throw new InvalidSignatureError()
  const event = await verifiedEvent(body, signature, secrets, ctx.now)
  if (!event) throw new InvalidSignatureError()
  const [seen] = await eventSeenStatement(ctx.db, event.id)
  if (seen) return { duplicate: true, handled: 'duplicate' }
  const handled = await handleEvent(ctx, event)
  await recordEventStatement(ctx.db, { id: event.id, type: event.type, createdAt: new Date(event.created * 1000), receivedAt: ctx.now })
  return { duplicate: false, handled }
}

/** Our subscription behind a Stripe invoice (from the metadata we gave the subscription), and its period's end. */
function invoiceSubscription(invoice: Extract<StripeEvent, { type: 'invoice.paid' }>['data']['object']): { ref: SubscriptionRef; periodEnd: Date } | null {
  const details = invoice.parent?.subscription_details
  const end = invoice.lines?.data?.[0]?.period?.end
  if (!details || !end) return null
  return { ref: { ours: details.metadata?.subscription_id ?? null, stripe: stripeId(details.subscription) }, periodEnd: new Date(end * 1000) }
}

async function handleEvent(ctx: RequestContext, event: StripeEvent): Promise<string> {
  switch (event.type) {
    case 'checkout.session.completed': {
      const session = event.data.object
      if (session.payment_status !== 'paid' || !session.client_reference_id) return 'ignored'
      if (session.mode === 'subscription') return subscriptionPaid(ctx, { ours: session.client_reference_id, stripe: stripeId(session.subscription) })
      return settlePayment(ctx, session.client_reference_id, { paymentIntent: stripeId(session.payment_intent), checkoutSession: session.id })
    }
    case 'charge.refunded': {
      const charge = event.data.object
      const intent = stripeId(charge.payment_intent)
      if (!intent || !charge.refunded) return 'ignored'
      return chargeRefunded(ctx, intent, charge.amount_refunded)
    }
    case 'invoice.paid': {
      const paid = invoiceSubscription(event.data.object)
      return paid ? subscriptionPaid(ctx, paid.ref, paid.periodEnd) : 'ignored'
    }
    case 'invoice.payment_failed': {
      const failed = invoiceSubscription(event.data.object)
      return failed ? subscriptionRenewalFailed(ctx, failed.ref, failed.periodEnd) : 'ignored'
    }
    case 'customer.subscription.deleted': {
      const subscription = event.data.object
      return subscriptionEnded(ctx, { ours: subscription.metadata?.subscription_id ?? null, stripe: subscription.id })
    }
    case 'account.updated':
      return accountUpdated(ctx, event.data.object)
    default:
      // Checkout sessions that expire need nothing: a hold expires on its own schedule.
      return 'ignored'
  }
}
