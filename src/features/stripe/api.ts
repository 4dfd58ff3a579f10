import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { receiveWebhook } from './service'

export const stripeApi = new Hono<AppEnv>()

// Stripe's webhook (public; the signature is the credential). The raw body is what is signed.
stripeApi.post('/payments/webhook', async (c) => {
  const result = await receiveWebhook(c.var.ctx, await c.req.text(), c.req.header('stripe-signature'))
  return c.json({ received: true, duplicate: result.duplicate })
})
