import { and, desc, eq, inArray, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctors, doctorSubscriptions, subscriptionPlans, users } from '../../db/schema'
import type { PlanFeature } from '../../db/schema/enums'

// Subscription plans and doctors' subscriptions. A plan is "in force" for a doctor while their
// subscription is active or past due and its features_until has not passed; every rule that
// depends on the plan reads it through the fragments here.

const inForce = (now: Date) => sql`ds.status in ('active', 'past_due') and ds.features_until > ${now.getTime()}`

/**
 * The platform's commission (a percentage) on a doctor's payment: their plan's while one is in
 * force, else `fallback` (the platform setting). `doctorId` must be a qualified SQL reference.
 */
export const commissionPercentSql = (doctorId: SQL, now: Date, fallback: number) =>
  sql`coalesce((select sp.commission_percent from ${doctorSubscriptions} ds join ${subscriptionPlans} sp on sp.id = ds.plan_id where ds.doctor_id = ${doctorId} and ${inForce(now)}), ${fallback})`

/** True (in SQL) when the doctor's plan in force has the feature. */
export const hasPlanFeatureSql = (doctorId: SQL, feature: PlanFeature, now: Date) =>
  sql`exists (select 1 from ${doctorSubscriptions} ds join ${subscriptionPlans} sp on sp.id = ds.plan_id where ds.doctor_id = ${doctorId} and ${inForce(now)} and exists (select 1 from json_each(sp.features) where json_each.value = ${feature}))`

/** The doctor's plan in force (null when none): what it allows. */
export const planInForceStatement = (db: Db, doctorId: string, now: Date) =>
  db.all<{ plan_id: string; max_consultation_types: number | null }>(
    sql`select sp.id as plan_id, sp.max_consultation_types from ${doctorSubscriptions} ds join ${subscriptionPlans} sp on sp.id = ds.plan_id where ds.doctor_id = ${doctorId} and ${inForce(now)} limit 1`,
  )

const planColumns = {
  id: subscriptionPlans.id,
  name: subscriptionPlans.name,
  priceCents: subscriptionPlans.priceCents,
  currency: subscriptionPlans.currency,
  interval: subscriptionPlans.interval,
  commissionPercent: subscriptionPlans.commissionPercent,
  maxConsultationTypes: subscriptionPlans.maxConsultationTypes,
  features: subscriptionPlans.features,
  active: subscriptionPlans.active,
  createdAt: subscriptionPlans.createdAt,
}

/** Every plan (or only those on sale), cheapest first, with how many doctors it has now. */
export const plansStatement = (db: Db, options: { onSaleOnly: boolean; now: Date }) =>
  db
    .select({
      ...planColumns,
      subscribers: sql<number>`(select count(*) from ${doctorSubscriptions} ds where ds.plan_id = "subscription_plans"."id" and ${inForce(options.now)})`,
    })
    .from(subscriptionPlans)
    .where(options.onSaleOnly ? eq(subscriptionPlans.active, true) : undefined)
    .orderBy(subscriptionPlans.priceCents, subscriptionPlans.name)

export type PlanRow = Awaited<ReturnType<typeof plansStatement>>[number]

export const planStatement = (db: Db, id: string) => db.select(planColumns).from(subscriptionPlans).where(eq(subscriptionPlans.id, id))

export type PlanFields = { name: string; priceCents: number; currency: string; commissionPercent: number; maxConsultationTypes: number | null; features: PlanFeature[]; active: boolean }

export const insertPlanStatement = (db: Db, plan: PlanFields & { id: string }) => db.insert(subscriptionPlans).values({ ...plan, interval: 'month' }).returning(planColumns)

export const updatePlanStatement = (db: Db, id: string, plan: Partial<PlanFields>) => db.update(subscriptionPlans).set(plan).where(eq(subscriptionPlans.id, id)).returning(planColumns)

const subscriptionColumns = {
  id: doctorSubscriptions.id,
  doctorId: doctorSubscriptions.doctorId,
  planId: doctorSubscriptions.planId,
  status: doctorSubscriptions.status,
  provider: doctorSubscriptions.provider,
  stripeSubscriptionId: doctorSubscriptions.stripeSubscriptionId,
  currentPeriodEnd: doctorSubscriptions.currentPeriodEnd,
  featuresUntil: doctorSubscriptions.featuresUntil,
  cancelAtPeriodEnd: doctorSubscriptions.cancelAtPeriodEnd,
  createdAt: doctorSubscriptions.createdAt,
}

export type SubscriptionRow = Awaited<ReturnType<typeof subscriptionStatement>>[number]

export const subscriptionStatement = (db: Db, id: string) =>
  db
    .select({ ...subscriptionColumns, plan: planColumns })
    .from(doctorSubscriptions)
    .innerJoin(subscriptionPlans, eq(subscriptionPlans.id, doctorSubscriptions.planId))
    .where(eq(doctorSubscriptions.id, id))

/** The doctor's latest subscription that got past Checkout (live or ended), with its plan. */
export const latestSubscriptionStatement = (db: Db, doctorId: string) =>
  db
    .select({ ...subscriptionColumns, plan: planColumns })
    .from(doctorSubscriptions)
    .innerJoin(subscriptionPlans, eq(subscriptionPlans.id, doctorSubscriptions.planId))
    .where(and(eq(doctorSubscriptions.doctorId, doctorId), inArray(doctorSubscriptions.status, ['active', 'past_due', 'cancelled'])))
    .orderBy(desc(doctorSubscriptions.createdAt))
    .limit(1)

/** Who the doctor is, for Stripe (their email). */
export const doctorAccountStatement = (db: Db, doctorId: string) =>
  db.select({ email: users.email, name: users.name }).from(doctors).innerJoin(users, eq(users.id, doctors.userId)).where(eq(doctors.id, doctorId))

/** A subscription started at Checkout, not yet paid (it becomes active when Stripe says so). */
export const insertSubscriptionStatement = (db: Db, sub: { id: string; doctorId: string; planId: string; provider: string; now: Date }) =>
  db.insert(doctorSubscriptions).values({ id: sub.id, doctorId: sub.doctorId, planId: sub.planId, status: 'incomplete', provider: sub.provider, currentPeriodEnd: sub.now, createdAt: sub.now, updatedAt: sub.now })

export const rememberSubscriptionCheckoutStatement = (db: Db, id: string, sessionId: string) => db.update(doctorSubscriptions).set({ checkoutSessionId: sessionId }).where(eq(doctorSubscriptions.id, id))

const MAX = (a: SQL | number, b: SQL | number) => sql`max(${a}, ${b})`

/**
 * A period is paid (the first at Checkout, or a renewal): the subscription is active until the
 * period's end at least, its features until then plus the grace period (just the period's end
 * once cancelled at the period's end). Periods only move forward, so events in any order agree.
 * Not for one already cancelled.
 */
export const periodPaidStatement = (db: Db, id: string, paid: { stripeSubscriptionId: string | null; periodEnd: Date; graceDays: number; now: Date }) => {
  const periodEnd = MAX(sql`${doctorSubscriptions.currentPeriodEnd}`, paid.periodEnd.getTime())
  return db
    .update(doctorSubscriptions)
    .set({
      status: 'active',
      stripeSubscriptionId: sql`coalesce(${doctorSubscriptions.stripeSubscriptionId}, ${paid.stripeSubscriptionId})`,
      currentPeriodEnd: sql`${periodEnd}`,
      featuresUntil: sql`case when ${doctorSubscriptions.cancelAtPeriodEnd} then ${periodEnd} else ${periodEnd} + ${paid.graceDays * 86_400_000} end`,
      updatedAt: paid.now,
    })
    .where(and(eq(doctorSubscriptions.id, id), inArray(doctorSubscriptions.status, ['incomplete', 'active', 'past_due'])))
    .returning({ id: doctorSubscriptions.id })
}

/**
 * A renewal's payment failed: past due (the features last until the paid period's end plus the
 * grace period, already set). Only for a period after the one paid: a late report of a failure
 * since retried successfully changes nothing.
 */
export const renewalFailedStatement = (db: Db, id: string, failedPeriodEnd: Date, now: Date) =>
  db
    .update(doctorSubscriptions)
    .set({ status: 'past_due', updatedAt: now })
    .where(and(eq(doctorSubscriptions.id, id), eq(doctorSubscriptions.status, 'active'), sql`${doctorSubscriptions.currentPeriodEnd} < ${failedPeriodEnd.getTime()}`))

/** The doctor cancels: the plan runs to the end of the period paid for, and no further. */
export const cancelAtPeriodEndStatement = (db: Db, id: string, now: Date) =>
  db
    .update(doctorSubscriptions)
    .set({ cancelAtPeriodEnd: true, featuresUntil: sql`min(${doctorSubscriptions.featuresUntil}, ${doctorSubscriptions.currentPeriodEnd})`, updatedAt: now })
    .where(and(eq(doctorSubscriptions.id, id), inArray(doctorSubscriptions.status, ['active', 'past_due'])))
    .returning({ id: doctorSubscriptions.id })

/** The subscription ended (Stripe deleted it): its features end now at the latest. */
export const subscriptionEndedStatement = (db: Db, id: string, now: Date) =>
  db
    .update(doctorSubscriptions)
    .set({ status: 'cancelled', featuresUntil: sql`min(coalesce(${doctorSubscriptions.featuresUntil}, ${now.getTime()}), ${now.getTime()})`, updatedAt: now })
    .where(and(eq(doctorSubscriptions.id, id), inArray(doctorSubscriptions.status, ['incomplete', 'active', 'past_due'])))

/** Our subscription for Stripe's (its id, or ours from the metadata we gave it). */
export const subscriptionIdFor = async (db: Db, ref: { ours: string | null; stripe: string | null }) => {
  if (ref.ours) return ref.ours
  if (!ref.stripe) return null
  const [row] = await db.select({ id: doctorSubscriptions.id }).from(doctorSubscriptions).where(eq(doctorSubscriptions.stripeSubscriptionId, ref.stripe))
  return row?.id ?? null
}

/** Local (test mode) subscriptions whose paid period is over: each is renewed, or ended if cancelled. */
export const localSubscriptionsDueStatement = (db: Db, now: Date, limit: number) =>
  db
    .select(subscriptionColumns)
    .from(doctorSubscriptions)
    .where(and(eq(doctorSubscriptions.provider, 'local'), inArray(doctorSubscriptions.status, ['active', 'past_due']), sql`${doctorSubscriptions.currentPeriodEnd} <= ${now.getTime()}`))
    .limit(limit)
