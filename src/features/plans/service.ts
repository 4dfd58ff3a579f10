import { actorAuditStatement } from '../../core/audit'
import { requireActor, requireDoctor, requireSuperAdmin, type RequestContext } from '../../core/context'
import { appLink } from '../../core/mail/send'
import { settingsOf } from '../../core/settings-of'
import type { Settings } from '../../core/settings'
import { CONSULTATION_TYPES } from '../../db/schema/enums'
import { stripeClient, stripeConfigured, localPaymentsAllowed } from '../../core/stripe'
import { AppError, ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { log } from '../../lib/log'
import {
  cancelAtPeriodEndStatement,
  doctorAccountStatement,
  insertPlanStatement,
  insertSubscriptionStatement,
  latestSubscriptionStatement,
  periodPaidStatement,
  plansStatement,
  planStatement,
  rememberSubscriptionCheckoutStatement,
  renewalFailedStatement,
  subscriptionEndedStatement,
  subscriptionIdFor,
  subscriptionStatement,
  updatePlanStatement,
  type SubscriptionRow,
} from './queries'
import type { PlanInput } from './schemas'

// Subscription plans. Super admins define them (a monthly price, the platform's commission while
// the plan is in force, what it adds); doctors subscribe through Stripe Checkout in subscription
// mode (or its local stand-in). Stripe's webhooks — relayed here by the stripe feature — activate,
// renew, mark past due and end subscriptions; a plan's features end after the grace period that
// follows a failed renewal, never a patient's appointment.

class PaymentsUnavailableError extends AppError {
  constructor() {
    super(503, 'payments_unavailable', 'Subscriptions cannot be paid for at the moment. Please try again later.')
  }
}

const toColumns = (input: PlanInput) => ({
  name: input.name,
  priceCents: input.price_cents,
  currency: input.currency,
  commissionPercent: input.commission_percent,
  maxConsultationTypes: input.max_consultation_types,
  features: input.features,
  active: input.active,
})

/** Every plan with its subscriber count (admins). */
export async function listPlans(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin') throw new ForbiddenError()
  return plansStatement(ctx.db, { onSaleOnly: false, now: ctx.now })
}

export async function planDetail(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin') throw new ForbiddenError()
  const [plan] = await planStatement(ctx.db, id)
  if (!plan) throw new NotFoundError('No such plan.')
  return plan
}

/** A new plan (super admins; audited). */
export async function createPlan(ctx: RequestContext, input: PlanInput) {
  requireSuperAdmin(ctx, 'Only a super admin defines plans.')
  const id = newId('pln')
  const [[plan]] = await ctx.db.batch([insertPlanStatement(ctx.db, { id, ...toColumns(input) }), actorAuditStatement(ctx, { action: 'admin.plan.created', entityType: 'subscription_plan', entityId: id, metadata: { after: input } })])
  return plan!
}

/**
 * A plan changed (super admins; audited). Its price applies to new subscriptions (Stripe keeps
 * the price each subscription began with); its commission and features apply at once to every
 * doctor on it. Taking it off sale keeps its subscribers.
 */
export async function updatePlan(ctx: RequestContext, id: string, input: PlanInput) {
  requireSuperAdmin(ctx, 'Only a super admin changes plans.')
  const [before] = await planStatement(ctx.db, id)
  if (!before) throw new NotFoundError('No such plan.')
  const [[plan]] = await ctx.db.batch([
    updatePlanStatement(ctx.db, id, toColumns(input)),
    actorAuditStatement(ctx, { action: 'admin.plan.changed', entityType: 'subscription_plan', entityId: id, metadata: { before, after: input } }),
  ])
  return plan!
}

/** The signed-in doctor's billing: their subscription (the latest), and the plans on sale. */
export async function billingOf(ctx: RequestContext) {
  const doctor = requireDoctor(ctx)
  const [[subscription], plans] = await ctx.db.batch([latestSubscriptionStatement(ctx.db, doctor.doctorId), plansStatement(ctx.db, { onSaleOnly: true, now: ctx.now })])
  return { subscription: subscription ?? null, plans, inForce: Boolean(subscription && isInForce(subscription, ctx.now)) }
}

export const isInForce = (sub: Pick<SubscriptionRow, 'status' | 'featuresUntil'>, now: Date) => (sub.status === 'active' || sub.status === 'past_due') && sub.featuresUntil !== null && sub.featuresUntil > now

/**
 * The doctor starts subscribing to a plan: a subscription waiting for its first payment, and
 * where to pay it (Stripe Checkout in subscription mode, or the local test page). One live
 * subscription at a time: a doctor on a plan cancels it before choosing another.
 */
export async function subscribe(ctx: RequestContext, planId: string) {
  const doctor = requireDoctor(ctx)
  const [[plan], [current]] = await ctx.db.batch([planStatement(ctx.db, planId), latestSubscriptionStatement(ctx.db, doctor.doctorId)])
  if (!plan || !plan.active) throw new NotFoundError('No such plan on sale.')
  if (current && (current.status === 'active' || current.status === 'past_due'))
    throw new ConflictError(current.cancelAtPeriodEnd ? 'Your current plan runs until the end of its period; choose a new plan after that.' : 'You already have a plan: cancel it first to choose another.', 'already_subscribed')
  if (!stripeConfigured(ctx.env) && !localPaymentsAllowed(ctx.env)) throw new PaymentsUnavailableError()
  const id = newId('sub')
  const viaStripe = stripeConfigured(ctx.env)
  await insertSubscriptionStatement(ctx.db, { id, doctorId: doctor.doctorId, planId, provider: viaStripe ? 'stripe' : 'local', now: ctx.now })
  if (!viaStripe) return { subscriptionId: id, checkoutUrl: `/doctor/billing/checkout/${id}` }
  const [account] = await doctorAccountStatement(ctx.db, doctor.doctorId)
  const session = await stripeClient(ctx.env).checkout.sessions.create(
    {
      mode: 'subscription',
      client_reference_id: id,
      customer_email: account?.email,
      line_items: [{ quantity: 1, price_data: { currency: plan.currency.toLowerCase(), unit_amount: plan.priceCents, recurring: { interval: plan.interval }, product_data: { name: `MediConnect ${plan.name}` } } }],
      subscription_data: { metadata: { subscription_id: id, doctor_id: doctor.doctorId } },
      success_url: appLink(ctx, '/doctor/billing?done=subscribed'),
      cancel_url: appLink(ctx, '/doctor/billing'),
    },
    { idempotencyKey: `subscribe-${id}` },
  )
  await rememberSubscriptionCheckoutStatement(ctx.db, id, session.id)
  if (!session.url) throw new Error('Stripe returned a Checkout Session without a URL')
  return { subscriptionId: id, checkoutUrl: session.url }
}

/** A subscription the doctor started and has not paid: theirs only (the local test page). */
export async function pendingSubscriptionOf(ctx: RequestContext, id: string) {
  const doctor = requireDoctor(ctx)
  const [sub] = await subscriptionStatement(ctx.db, id)
  if (!sub || sub.doctorId !== doctor.doctorId) throw new NotFoundError('No such subscription.')
  return sub
}

/** The doctor cancels their plan: it stays in force to the end of the period paid for. */
export async function cancelPlan(ctx: RequestContext) {
  const doctor = requireDoctor(ctx)
  const [current] = await latestSubscriptionStatement(ctx.db, doctor.doctorId)
  if (!current || (current.status !== 'active' && current.status !== 'past_due')) throw new ConflictError('You have no plan to cancel.', 'no_plan')
  if (current.provider === 'stripe' && current.stripeSubscriptionId) {
    await stripeClient(ctx.env).subscriptions.update(current.stripeSubscriptionId, { cancel_at_period_end: true }, { idempotencyKey: `cancel-${current.id}` })
  }
  await cancelAtPeriodEndStatement(ctx.db, current.id, ctx.now)
  return (await subscriptionStatement(ctx.db, current.id))[0]!
}

/** How many kinds of visit a doctor may offer: their plan's allowance (planInForceStatement), else the platform's. */
export function consultationTypeAllowance(plan: { max_consultation_types: number | null } | undefined, settings: Settings) {
  return plan ? (plan.max_consultation_types ?? CONSULTATION_TYPES.length) : settings['plans.base_consultation_types']
}

// ---- Stripe's reports (the stripe feature's webhook calls these) ----

export type SubscriptionRef = { ours: string | null; stripe: string | null }

const addMonths = (at: Date, months: number) => {
  const next = new Date(at)
  next.setUTCMonth(next.getUTCMonth() + months)
  return next
}

/**
 * A period of the subscription is paid: Checkout completed (the period from now), or Stripe
 * reports an invoice paid (`periodEnd` given). A subscription activated while the doctor has
 * another live one (two Checkouts paid) replaces it: the older is ended, on Stripe too.
 */
export async function subscriptionPaid(ctx: RequestContext, ref: SubscriptionRef, periodEnd?: Date) {
  const id = await subscriptionIdFor(ctx.db, ref)
  const [sub] = id ? await subscriptionStatement(ctx.db, id) : []
  if (!sub) return 'ignored'
  const graceDays = (await settingsOf(ctx))['plans.grace_days']
  const end = periodEnd ?? addMonths(ctx.now, sub.plan.interval === 'year' ? 12 : 1)
  const [other] = await latestSubscriptionStatement(ctx.db, sub.doctorId)
  const replaces = sub.status === 'incomplete' && other && other.id !== sub.id && (other.status === 'active' || other.status === 'past_due') ? other : null
  if (replaces?.provider === 'stripe' && replaces.stripeSubscriptionId) await stripeClient(ctx.env).subscriptions.cancel(replaces.stripeSubscriptionId, {}, { idempotencyKey: `replace-${replaces.id}` })
  const paid = periodPaidStatement(ctx.db, sub.id, { stripeSubscriptionId: ref.stripe, periodEnd: end, graceDays, now: ctx.now })
  await (replaces ? ctx.db.batch([subscriptionEndedStatement(ctx.db, replaces.id, ctx.now), paid]) : paid)
  log('info', 'subscription period paid', { subscription_id: sub.id, period_end: end.toISOString() })
  return 'subscription_paid'
}

/** A renewal's payment failed: past due, the plan's features last through the grace period. */
export async function subscriptionRenewalFailed(ctx: RequestContext, ref: SubscriptionRef, periodEnd: Date) {
  const id = await subscriptionIdFor(ctx.db, ref)
  if (!id) return 'ignored'
  await renewalFailedStatement(ctx.db, id, periodEnd, ctx.now)
  return 'subscription_past_due'
}

/** Stripe ended the subscription (cancelled at its period's end, or after failed renewals). */
export async function subscriptionEnded(ctx: RequestContext, ref: SubscriptionRef) {
  const id = await subscriptionIdFor(ctx.db, ref)
  if (!id) return 'ignored'
  await subscriptionEndedStatement(ctx.db, id, ctx.now)
  return 'subscription_ended'
}
