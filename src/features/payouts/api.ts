import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { toApiPayouts } from './present'
import { onboardingLink, payoutsOf } from './service'

export const payoutsApi = new Hono<AppEnv>()

// A doctor's payout account, what they are owed and their payouts; the link to set payouts up.
payoutsApi.get('/doctor/payouts', async (c) => c.json(toApiPayouts(await payoutsOf(c.var.ctx))))
payoutsApi.post('/doctor/payouts/onboarding', async (c) => c.json({ url: await onboardingLink(c.var.ctx) }))
