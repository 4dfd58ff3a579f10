import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { planInForceStatement } from '../../../src/features/plans/queries'
import { renewLocalSubscriptions } from '../../../src/features/stripe/local'
import { testDb } from '../../helpers/db'
import { createClinicAdmin, createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm, tokenFor } from '../../helpers/auth'
import { jobContext } from '../../helpers/jobs'
import { completed, DAY, hold, paymentOf, payingDoctor, webhook } from '../../helpers/payments'

type Plan = { id: string; name: string; price_cents: number; commission_percent: number; features: string[]; subscriber_count?: number }
type Subscription = { id: string; status: string; in_force: boolean; current_period_end: string; features_until: string | null; cancel_at_period_end: boolean; plan: Plan }

const superAdminToken = async () => tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))

async function createPlan(overrides: Record<string, unknown> = {}) {
  const res = await callApi(await superAdminToken(), '/api/v1/admin/plans', 'POST', { name: unique('Plan'), price_cents: 4900, currency: 'usd', commission_percent: 5, max_consultation_types: null, features: ['featured_listing'], active: true, ...overrides })
  expect(res.status).toBe(201)
  return ((await res.json()) as { plan: Plan }).plan
}

/** A doctor (who charges up front) subscribed to the plan through the local Checkout page. */
async function subscribed(plan: Plan) {
  const doc = await payingDoctor()
  const cookie = await cookieFor(doc.doctorUser)
  const started = await postForm('/doctor/billing/subscribe', cookie, { plan_id: plan.id })
  expect(started.status).toBe(303)
  const checkout = started.headers.get('location')!
  expect(checkout).toMatch(/^\/doctor\/billing\/checkout\/sub_/)
  expect(await (await fetchApp(checkout, asBrowser(cookie))).text()).toContain(`Subscribe to ${plan.name}`)
  const paid = await postForm(checkout, cookie, { outcome: 'pay' })
  expect(paid.headers.get('location')).toBe('/doctor/billing?done=subscribed')
  const token = await tokenFor(doc.doctorUser)
  const billing = async () => ((await (await callApi(token, '/api/v1/doctor/billing')).json()) as { subscription: Subscription | null; plans: Plan[] }).subscription!
  return { ...doc, cookie, token, billing, subscriptionId: checkout.split('/').pop()! }
}

// Stripe's invoice events for our subscription (the metadata we gave it names it).
const invoice = (type: 'invoice.paid' | 'invoice.payment_failed', subscriptionId: string, periodEnd: Date) => ({
  id: `evt_${crypto.randomUUID()}`,
  type,
  data: {
    object: {
      id: `in_${crypto.randomUUID()}`,
      object: 'invoice',
      parent: { type: 'subscription_details', subscription_details: { subscription: `sub_local_${subscriptionId}`, metadata: { subscription_id: subscriptionId } } },
      lines: { object: 'list', data: [{ object: 'line_item', period: { start: Math.floor(periodEnd.getTime() / 1000) - 30 * 86_400, end: Math.floor(periodEnd.getTime() / 1000) } }] },
    },
  },
})

describe('subscription plans', () => {
  it('lets super admins define and change plans (audited), refuses bad input and other admins', async () => {
    const plan = await createPlan()
    expect(plan).toMatchObject({ price_cents: 4900, commission_percent: 5, features: ['featured_listing'] })
    const token = await superAdminToken()
    const bad = await callApi(token, '/api/v1/admin/plans', 'POST', { name: 'X', price_cents: -1, currency: 'dollars', commission_percent: 80, max_consultation_types: 9, features: ['free_lunch'], active: 'yes' })
    expect(bad.status).toBe(400)
    const fields = ((await bad.json()) as { error: { fields: Record<string, string> } }).error.fields
    expect(Object.keys(fields).sort()).toEqual(['active', 'commission_percent', 'currency', 'features.0', 'max_consultation_types', 'name', 'price_cents'])
    expect((await callApi(await tokenFor(await createClinicAdmin()), '/api/v1/admin/plans', 'POST', { ...plan, name: 'Mine' })).status).toBe(403)
    const changed = await callApi(token, `/api/v1/admin/plans/${plan.id}`, 'PUT', { name: plan.name, price_cents: 5900, currency: 'USD', commission_percent: 4, max_consultation_types: 2, features: [], active: false })
    expect(((await changed.json()) as { plan: Plan }).plan).toMatchObject({ price_cents: 5900, commission_percent: 4, features: [], active: false })
    expect((await callApi(token, '/api/v1/admin/plans/pln_missing', 'PUT', { ...plan, features: [] })).status).toBe(404)
    const audit = await testDb().select().from(schema.auditLog).where(eq(schema.auditLog.entityId, plan.id))
    expect(audit.map((a) => a.action).sort()).toEqual(['admin.plan.changed', 'admin.plan.created'])

    // The admin form keeps what was typed when it is refused.
    const cookie = await cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const refused = await postForm('/admin/plans', cookie, { name: 'Gold', price: 'lots', currency: 'USD', commission_percent: '5' })
    expect(refused.status).toBe(422)
    const page = await refused.text()
    expect(page).toContain('must be an amount such as 49 or 49.50')
    expect(page).toContain('value="Gold"')
    const added = await postForm('/admin/plans', cookie, { name: unique('Gold'), price: '29.50', currency: 'EUR', commission_percent: '7', feature_featured_listing: 'on', active: 'on' })
    expect(added.headers.get('location')).toBe('/admin/plans?done=added')
  })

  it('subscribes a doctor through Checkout: the plan’s commission and featured listing apply at once', async () => {
    const plan = await createPlan()
    const { doctor, billing, start } = await subscribed(plan)
    expect(await billing()).toMatchObject({ status: 'active', in_force: true, cancel_at_period_end: false, plan: { id: plan.id } })

    // A patient's payment now pays the plan's 5 % (€2.50 of €50), not the platform's 10 %.
    const { appointment } = await hold(doctor.id, start)
    await webhook(completed((await paymentOf(appointment.id)).id))
    expect((await paymentOf(appointment.id)).commissionCents).toBe(250)

    // Featured: marked, and first among doctors with the same specialty by default.
    const specialty = (await testDb().select({ slug: schema.specialties.slug }).from(schema.specialties).innerJoin(schema.doctors, eq(schema.doctors.specialtyId, schema.specialties.id)).where(eq(schema.doctors.id, doctor.id)))[0]!.slug
    const search = (await (await fetchApp(`/api/v1/doctors?specialty=${specialty}`)).json()) as { items: { id: string; featured: boolean }[] }
    expect(search.items[0]).toMatchObject({ id: doctor.id, featured: true })
  })

  it('allows one live plan at a time, sells only plans on sale, and is a doctor’s own', async () => {
    const plan = await createPlan()
    const { token } = await subscribed(plan)
    const again = await callApi(token, '/api/v1/doctor/billing/subscribe', 'POST', { plan_id: plan.id })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('already_subscribed')
    const offSale = await createPlan({ active: false })
    const other = await payingDoctor()
    expect((await callApi(await tokenFor(other.doctorUser), '/api/v1/doctor/billing/subscribe', 'POST', { plan_id: offSale.id })).status).toBe(404)
    expect((await callApi(await tokenFor(other.doctorUser), '/api/v1/doctor/billing/subscribe', 'POST', {})).status).toBe(400)
    expect((await callApi(await tokenFor(await createUser()), '/api/v1/doctor/billing')).status).toBe(403)
    // Another doctor's pending Checkout does not exist for them.
    const pending = ((await (await callApi(await tokenFor(other.doctorUser), '/api/v1/doctor/billing/subscribe', 'POST', { plan_id: plan.id })).json()) as { checkout_url: string }).checkout_url
    const stranger = await payingDoctor()
    expect((await fetchApp(pending, asBrowser(await cookieFor(stranger.doctorUser)))).status).toBe(404)
  })

  it('keeps the plan through the grace period after a failed renewal, then its features end (never the appointments)', async () => {
    const plan = await createPlan()
    const { doctor, billing, subscriptionId } = await subscribed(plan)
    const first = await billing()
    const periodEnd = new Date(first.current_period_end)
    // Whole seconds, as Stripe's periods are.
    const nextEnd = new Date(periodEnd.getTime() + 30 * DAY)

    // A late report of a failure for the period already paid changes nothing.
    await webhook(invoice('invoice.payment_failed', subscriptionId, periodEnd))
    expect((await billing()).status).toBe('active')
    // The renewal fails: past due, still in force through the grace period (7 days by default).
    expect((await webhook(invoice('invoice.payment_failed', subscriptionId, nextEnd))).status).toBe(200)
    const pastDue = await billing()
    expect(pastDue).toMatchObject({ status: 'past_due', in_force: true })
    expect(Math.abs(Date.parse(pastDue.features_until!) - (periodEnd.getTime() + 7 * DAY))).toBeLessThan(1000)
    expect(await planInForceStatement(testDb(), doctor.id, new Date(periodEnd.getTime() + 6 * DAY))).toHaveLength(1)
    expect(await planInForceStatement(testDb(), doctor.id, new Date(periodEnd.getTime() + 8 * DAY))).toHaveLength(0)

    // Stripe retries and the card works: active again, for the new period.
    await webhook(invoice('invoice.paid', subscriptionId, nextEnd))
    expect(await billing()).toMatchObject({ status: 'active', current_period_end: nextEnd.toISOString().replace('.000Z', 'Z') })
  })

  it('cancels at the end of the period paid for, when the renewal run ends it', async () => {
    const plan = await createPlan()
    const { doctor, billing, cookie, subscriptionId } = await subscribed(plan)
    const cancelled = await postForm('/doctor/billing/cancel', cookie, {})
    expect(cancelled.headers.get('location')).toBe('/doctor/billing?done=cancelled')
    const sub = await billing()
    expect(sub).toMatchObject({ status: 'active', in_force: true, cancel_at_period_end: true, features_until: sub.current_period_end })
    expect(await (await fetchApp('/doctor/billing', asBrowser(cookie))).text()).toContain('Cancelled: in force until')

    // The local renewal run (Stripe's part) at the period's end ends it; a second run does nothing more.
    const after = new Date(new Date(sub.current_period_end).getTime() + 1000)
    const run = await renewLocalSubscriptions(jobContext(after))
    expect(run.ended).toBeGreaterThanOrEqual(1)
    const [row] = await testDb().select().from(schema.doctorSubscriptions).where(eq(schema.doctorSubscriptions.id, subscriptionId))
    expect(row).toMatchObject({ status: 'cancelled', doctorId: doctor.id })
    expect(await planInForceStatement(testDb(), doctor.id, new Date())).toHaveLength(0)
  })

  it('limits the kinds of visit a doctor offers to their plan’s allowance', async () => {
    const plan = await createPlan({ max_consultation_types: 1, features: [] })
    const { token } = await subscribed(plan)
    const profile = (await (await callApi(token, '/api/v1/doctor/profile')).json()) as { profile: Record<string, unknown> & { specialty_id: string } }
    const base = { specialty_id: profile.profile.specialty_id, fee_cents: 5000, currency: 'EUR', languages: ['en'], charge_up_front: true }
    const one = await callApi(token, '/api/v1/doctor/profile', 'PUT', { ...base, consultation_types: [{ type: 'video', duration_minutes: 30 }] })
    expect(one.status).toBe(200)
    const two = await callApi(token, '/api/v1/doctor/profile', 'PUT', { ...base, consultation_types: [{ type: 'video', duration_minutes: 30 }, { type: 'chat', duration_minutes: 30 }] })
    expect(two.status).toBe(400)
    expect(((await two.json()) as { error: { fields: Record<string, string> } }).error.fields.consultation_types).toContain('at most 1 kind of visit')
  })
})
