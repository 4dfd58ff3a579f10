import { toIsoInstant } from '../../lib/time'
import type { PlanRow, SubscriptionRow } from './queries'
import { isInForce } from './service'

type Plan = Omit<PlanRow, 'subscribers'> & { subscribers?: number }

export const toApiPlan = (p: Plan) => ({
  id: p.id,
  name: p.name,
  price_cents: p.priceCents,
  currency: p.currency,
  interval: p.interval,
  commission_percent: p.commissionPercent,
  max_consultation_types: p.maxConsultationTypes,
  features: p.features,
  active: p.active,
  ...(p.subscribers === undefined ? {} : { subscriber_count: p.subscribers }),
})
export type ApiPlan = ReturnType<typeof toApiPlan>

export const toApiSubscription = (s: SubscriptionRow, now: Date) => ({
  id: s.id,
  plan: toApiPlan(s.plan),
  status: s.status,
  in_force: isInForce(s, now),
  current_period_end: toIsoInstant(s.currentPeriodEnd),
  features_until: s.featuresUntil ? toIsoInstant(s.featuresUntil) : null,
  cancel_at_period_end: s.cancelAtPeriodEnd,
})
export type ApiSubscription = ReturnType<typeof toApiSubscription>
