import { Hono, type Context } from 'hono'
import { z } from 'zod'
import { LocalCheckoutPage } from '../../../views/payments/payment-pages'
import { LocalOnboardingPage, LocalPlanCheckoutPage } from '../../../views/payments/stripe-test-pages'
import { renderView, type ViewStatus } from '../../core/page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { paymentView } from '../payments/present'
import { checkoutUrl, paymentOfAppointment } from '../payments/service'
import { onboardingLink } from '../payouts/service'
import { toApiPlan } from '../plans/present'
import { pendingSubscriptionOf } from '../plans/service'
import { onboardLocally, payLocally, subscribeLocally } from './local'
import { localPaymentsAllowed } from '../../core/stripe'
import { NotFoundError } from '../../lib/errors'

// Going to Stripe: where a patient pays for a visit, a doctor pays for a plan or sets up payouts.
// With Stripe keys these redirect to Stripe's hosted pages; without them (never in production)
// the local test pages stand in, and their buttons send the webhook Stripe would.

export const stripeRoutes = new Hono<AppEnv>()

stripeRoutes.use('/appointments/:id/pay', requireRole('patient'))

const Outcome = z.object({ outcome: z.enum(['pay', 'decline']) })
const zone = (c: Context<AppEnv>) => viewerTimeZone(c, 'UTC').timezone

async function renderCheckout(c: Context<AppEnv>, error?: string, status?: ViewStatus) {
  const payment = await paymentOfAppointment(c.var.ctx, c.req.param('id')!)
  // Paid, refunded or released: the outcome page says which.
  if (payment.status !== 'pending' || !payment.paymentDueBy) return c.redirect(`/appointments/${payment.appointmentId}/paid`, 303)
  const stripe = await checkoutUrl(c.var.ctx, payment)
  if (stripe) return c.redirect(stripe, 303)
  return renderView(c, { title: 'Pay for your visit', status, body: <LocalCheckoutPage payment={paymentView(payment)} timezone={zone(c)} error={error} /> })
}

stripeRoutes.get('/appointments/:id/pay', (c) => renderCheckout(c))

stripeRoutes.post('/appointments/:id/pay', async (c) => {
  const form = Outcome.safeParse(await c.req.parseBody())
  if (!form.success) return renderCheckout(c, 'Choose Pay or Decline.', 422)
  const result = await payLocally(c.var.ctx, c.req.param('id'), form.data.outcome)
  if (result === 'declined') return renderCheckout(c, 'Your card was declined (a test). Try again, or choose another way to pay.', 402)
  return c.redirect(`/appointments/${c.req.param('id')}/paid`, 303)
})

// Payouts: Stripe's onboarding for the doctor's Express account (GET too: Stripe sends the
// doctor back here when its link expired), or the local test page.
const toOnboarding = async (c: Context<AppEnv>) => c.redirect(await onboardingLink(c.var.ctx), 303)
stripeRoutes.get('/doctor/payouts/onboarding', toOnboarding)
stripeRoutes.post('/doctor/payouts/onboarding', toOnboarding)

function requireLocalMode(c: Context<AppEnv>) {
  if (!localPaymentsAllowed(c.var.ctx.env)) throw new NotFoundError()
}

stripeRoutes.get('/doctor/payouts/onboarding/local', (c) => {
  requireLocalMode(c)
  return renderView(c, { title: 'Set up payouts (test)', body: <LocalOnboardingPage /> })
})
stripeRoutes.post('/doctor/payouts/onboarding/local', async (c) => {
  await onboardLocally(c.var.ctx)
  return c.redirect('/doctor/payouts?done=onboarding', 303)
})

// A plan's checkout (the local test page; with Stripe keys the doctor went to Stripe instead).
async function renderPlanCheckout(c: Context<AppEnv>, error?: string, status?: ViewStatus) {
  requireLocalMode(c)
  const sub = await pendingSubscriptionOf(c.var.ctx, c.req.param('id')!)
  if (sub.status !== 'incomplete') return c.redirect('/doctor/billing', 303)
  return renderView(c, { title: 'Subscribe (test)', status, body: <LocalPlanCheckoutPage subscriptionId={sub.id} plan={toApiPlan(sub.plan)} error={error} /> })
}

stripeRoutes.get('/doctor/billing/checkout/:id', (c) => renderPlanCheckout(c))
stripeRoutes.post('/doctor/billing/checkout/:id', async (c) => {
  const form = Outcome.safeParse(await c.req.parseBody())
  if (!form.success) return renderPlanCheckout(c, 'Choose Subscribe or Decline.', 422)
  const result = await subscribeLocally(c.var.ctx, c.req.param('id'), form.data.outcome)
  if (result === 'declined') return renderPlanCheckout(c, 'Your card was declined (a test). Try again.', 402)
  return c.redirect('/doctor/billing?done=subscribed', 303)
})
