import { Hono } from 'hono'
import { PayoutsPage } from '../../../views/payments/payouts-page'
import { renderView } from '../../core/page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { toApiPayouts } from './present'
import { payoutsOf, refreshAccount } from './service'

export const payoutRoutes = new Hono<AppEnv>()

const NOTICES: Record<string, string> = { onboarding: 'Thank you: your payout account is up to date.' }

// A doctor's payouts (the /doctor pages are a verified doctor's). Back from Stripe's onboarding,
// the account's state is asked of Stripe first.
payoutRoutes.get('/doctor/payouts', async (c) => {
  const done = c.req.query('done')
  if (done === 'onboarding') await refreshAccount(c.var.ctx)
  const view = toApiPayouts(await payoutsOf(c.var.ctx))
  const notice = done === 'onboarding' && view.account_status === 'enabled' ? NOTICES.onboarding : undefined
  return renderView(c, { title: 'Payouts', body: <PayoutsPage view={view} timezone={viewerTimeZone(c, 'UTC').timezone} notice={notice} /> })
})
