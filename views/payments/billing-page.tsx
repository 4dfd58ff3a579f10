import type { ApiPlan, ApiSubscription } from '../../src/features/plans/present'
import { formatDay, formatMoney, PLAN_FEATURE_LABELS } from '../../src/lib/format'
import { Notices } from '../components/form'
import { DoctorMoneyLinks } from './doctor-money-links'

export type BillingView = { subscription: ApiSubscription | null; plans: ApiPlan[] }

function PlanFacts({ plan }: { plan: ApiPlan }) {
  return (
    <ul>
      <li>{formatMoney(plan.price_cents, plan.currency)} a month</li>
      <li>Platform commission on your payments: {plan.commission_percent} %</li>
      <li>{plan.max_consultation_types === null ? 'Every kind of visit' : `Up to ${plan.max_consultation_types} kind${plan.max_consultation_types === 1 ? '' : 's'} of visit`}</li>
      {plan.features.map((f) => (
        <li>{PLAN_FEATURE_LABELS[f] ?? f}</li>
      ))}
    </ul>
  )
}

function CurrentPlan({ s, timezone }: { s: ApiSubscription; timezone: string }) {
  const until = s.features_until ? formatDay(new Date(s.features_until), timezone) : null
  const state = !s.in_force
    ? 'Ended: its features no longer apply (your appointments are unchanged).'
    : s.cancel_at_period_end
      ? `Cancelled: in force until ${until}.`
      : s.status === 'past_due'
        ? `The last payment failed. Stripe will try again; the plan stays in force until ${until}. Update your card in the email Stripe sent you.`
        : `Renews on ${formatDay(new Date(s.current_period_end), timezone)}.`
  return (
    <section aria-labelledby="current-plan" class="card">
      <h2 id="current-plan">Your plan: {s.plan.name}</h2>
      <p role="status">{state}</p>
      <PlanFacts plan={s.plan} />
      {s.in_force && !s.cancel_at_period_end ? (
        <form method="post" action="/doctor/billing/cancel">
          <button type="submit" class="secondary">
            Cancel the plan
          </button>
        </form>
      ) : null}
    </section>
  )
}

// A doctor's plan and billing: the current subscription and its state, and the plans on sale.
export function BillingPage({ view, timezone, notice, error }: { view: BillingView; timezone: string; notice?: string; error?: string }) {
  const live = view.subscription && (view.subscription.status === 'active' || view.subscription.status === 'past_due')
  return (
    <section aria-labelledby="billing-title">
      <h1 id="billing-title">Plan and billing</h1>
      <DoctorMoneyLinks here="/doctor/billing" />
      <Notices notice={notice} error={error} />
      {view.subscription ? <CurrentPlan s={view.subscription} timezone={timezone} /> : <p>You have no plan: the platform’s standard commission applies.</p>}
      <h2>Plans</h2>
      {view.plans.length === 0 ? <p class="empty">No plans are on sale at the moment.</p> : null}
      <ul class="plain-list">
        {view.plans.map((plan) => (
          <li class="card">
            <h3>{plan.name}</h3>
            <PlanFacts plan={plan} />
            {live ? null : (
              <form method="post" action="/doctor/billing/subscribe">
                <input type="hidden" name="plan_id" value={plan.id} />
                <button type="submit" aria-label={`Subscribe to ${plan.name}`}>
                  Subscribe
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {live ? <p class="hint">To change plans, cancel yours; choose another once it has ended.</p> : null}
    </section>
  )
}
