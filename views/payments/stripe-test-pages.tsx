import type { ApiPlan } from '../../src/features/plans/present'
import { formatMoney } from '../../src/lib/format'
import { Notices } from '../components/form'

// Local test mode's stand-ins for Stripe's hosted pages (no Stripe keys; never in production).

/** A test Checkout's choices: pay, a refused card (which changes nothing), or leave. */
export function TestCheckoutButtons({ action, payLabel, abandon }: { action: string; payLabel: string; abandon: string }) {
  return (
    <>
      <form method="post" action={action} class="inline-form">
        <input type="hidden" name="outcome" value="pay" />
        <button type="submit">{payLabel}</button>
      </form>{' '}
      <form method="post" action={action} class="inline-form">
        <input type="hidden" name="outcome" value="decline" />
        <button type="submit" class="secondary">
          Decline (a refused card)
        </button>
      </form>{' '}
      <a href={abandon}>Abandon</a>
    </>
  )
}

export function LocalOnboardingPage() {
  return (
    <section aria-labelledby="onboarding-title" class="narrow">
      <h1 id="onboarding-title">Set up payouts</h1>
      <p class="notice warn">Test onboarding page: with Stripe keys configured, doctors give their identity and bank details to Stripe instead.</p>
      <form method="post" action="/doctor/payouts/onboarding/local" class="inline-form">
        <button type="submit">Finish setting up (test)</button>
      </form>{' '}
      <a href="/doctor/payouts">Leave unfinished</a>
    </section>
  )
}

export function LocalPlanCheckoutPage({ subscriptionId, plan, error }: { subscriptionId: string; plan: ApiPlan; error?: string }) {
  const action = `/doctor/billing/checkout/${subscriptionId}`
  return (
    <section aria-labelledby="plan-checkout-title" class="narrow">
      <h1 id="plan-checkout-title">Subscribe to {plan.name}</h1>
      <p class="notice warn">Test payment page: no card is charged. With Stripe keys configured, doctors pay on Stripe Checkout instead.</p>
      <Notices error={error} />
      <p>{formatMoney(plan.price_cents, plan.currency)} a month, renewed each month until you cancel.</p>
      <TestCheckoutButtons action={action} payLabel="Subscribe" abandon="/doctor/billing" />
    </section>
  )
}
