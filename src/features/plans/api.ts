import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { toApiPlan, toApiSubscription } from './present'
import { PlanInput, SubscribeInput } from './schemas'
import { billingOf, cancelPlan, createPlan, listPlans, subscribe, updatePlan } from './service'

export const plansApi = new Hono<AppEnv>()

// Plans: every admin reads them; super admins define and change them.
plansApi.get('/admin/plans', requireRole('admin:super', 'admin:clinic', 'admin:support'), async (c) => c.json({ items: (await listPlans(c.var.ctx)).map(toApiPlan) }))
plansApi.post('/admin/plans', requireRole('admin:super'), jsonBody(PlanInput), async (c) => c.json({ plan: toApiPlan(await createPlan(c.var.ctx, c.req.valid('json'))) }, 201))
plansApi.put('/admin/plans/:id', requireRole('admin:super'), jsonBody(PlanInput), async (c) => c.json({ plan: toApiPlan(await updatePlan(c.var.ctx, c.req.param('id'), c.req.valid('json'))) }))

// A doctor's billing (the /doctor routes are a verified doctor's).
plansApi.get('/doctor/billing', async (c) => {
  const billing = await billingOf(c.var.ctx)
  return c.json({ subscription: billing.subscription ? toApiSubscription(billing.subscription, c.var.ctx.now) : null, plans: billing.plans.map(toApiPlan) })
})
plansApi.post('/doctor/billing/subscribe', jsonBody(SubscribeInput), async (c) => {
  const started = await subscribe(c.var.ctx, c.req.valid('json').plan_id)
  return c.json({ subscription_id: started.subscriptionId, checkout_url: started.checkoutUrl }, 201)
})
plansApi.post('/doctor/billing/cancel', async (c) => c.json({ subscription: toApiSubscription(await cancelPlan(c.var.ctx), c.var.ctx.now) }))
