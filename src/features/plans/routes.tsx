import { Hono, type Context } from 'hono'
import { PlanPage, PlansPage } from '../../../views/admin/plans-page'
import { BillingPage } from '../../../views/payments/billing-page'
import type { FormState } from '../../../views/components/form'
import { requireActor } from '../../core/context'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { AppEnv } from '../../env'
import { requireRole } from '../../middleware/access-control'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { planFormErrors, planFormValues, planInputFromForm } from './forms'
import { toApiPlan, toApiSubscription } from './present'
import { PlanInput, SubscribeInput } from './schemas'
import { billingOf, cancelPlan, createPlan, listPlans, planDetail, subscribe, updatePlan } from './service'

export const planRoutes = new Hono<AppEnv>()

// The admins' plans (every admin reads them; super admins define and change them).
const admins = requireRole('admin:super', 'admin:clinic', 'admin:support')
const NOTICES: Record<string, string> = { added: 'The plan is added.', saved: 'Saved.', subscribed: 'Thank you: your plan starts as soon as the payment is confirmed.', cancelled: 'Your plan is cancelled: it stays in force until the end of the period paid for.' }
const noticeOf = (c: Context<AppEnv>) => NOTICES[c.req.query('done') ?? '']

async function renderPlans(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const items = (await listPlans(c.var.ctx)).map(toApiPlan)
  const canEdit = requireActor(c.var.ctx).adminRole === 'super'
  return renderView(c, { title: 'Subscription plans', status, body: <PlansPage items={items} canEdit={canEdit} state={state} notice={noticeOf(c)} /> })
}

async function renderPlan(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const plan = toApiPlan(await planDetail(c.var.ctx, c.req.param('id')!))
  return renderView(c, { title: plan.name, status, body: <PlanPage plan={plan} state={state ?? { values: planFormValues(plan) }} notice={noticeOf(c)} /> })
}

const planForm = { schema: PlanInput, input: planInputFromForm, fieldsOf: planFormErrors }

planRoutes.get('/admin/plans', admins, (c) => renderPlans(c))
planRoutes.post('/admin/plans', requireRole('admin:super'), (c) =>
  handleForm(c, { ...planForm, submit: async (input) => (await createPlan(c.var.ctx, input), c.redirect('/admin/plans?done=added', 303)), render: (state, refusal) => renderPlans(c, state, refusal.status) }),
)
planRoutes.get('/admin/plans/:id', requireRole('admin:super'), (c) => renderPlan(c))
planRoutes.post('/admin/plans/:id', requireRole('admin:super'), (c) =>
  handleForm(c, {
    ...planForm,
    submit: async (input) => (await updatePlan(c.var.ctx, c.req.param('id'), input), c.redirect(`/admin/plans/${c.req.param('id')}?done=saved`, 303)),
    render: (state, refusal) => renderPlan(c, state, refusal.status),
  }),
)

// A doctor's billing: their plan, the plans on sale, subscribing and cancelling.
async function renderBilling(c: Context<AppEnv>, error?: string, status?: ViewStatus) {
  const billing = await billingOf(c.var.ctx)
  const view = { subscription: billing.subscription ? toApiSubscription(billing.subscription, c.var.ctx.now) : null, plans: billing.plans.map(toApiPlan) }
  return renderView(c, { title: 'Plan and billing', status, body: <BillingPage view={view} timezone={viewerTimeZone(c, 'UTC').timezone} notice={noticeOf(c)} error={error} /> })
}

planRoutes.get('/doctor/billing', (c) => renderBilling(c))
planRoutes.post('/doctor/billing/subscribe', (c) =>
  handleForm(c, {
    schema: SubscribeInput,
    submit: async (input) => c.redirect((await subscribe(c.var.ctx, input.plan_id)).checkoutUrl, 303),
    render: (state, refusal) => renderBilling(c, state.message ?? 'Choose a plan.', refusal.status),
  }),
)
planRoutes.post('/doctor/billing/cancel', (c) =>
  handleForm(c, {
    schema: NoFields,
    submit: async () => (await cancelPlan(c.var.ctx), c.redirect('/doctor/billing?done=cancelled', 303)),
    render: (state, refusal) => renderBilling(c, state.message, refusal.status),
  }),
)
