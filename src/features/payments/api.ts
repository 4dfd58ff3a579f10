import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { toApiPayment } from './present'
import { listPayments, receiveWebhook } from './service'

export const paymentsApi = new Hono<AppEnv>()

// Stripe's webhook (public; the signature is the credential). The raw body is what is signed.
paymentsApi.post('/payments/webhook', async (c) => {
  const result = await receiveWebhook(c.var.ctx, await c.req.text(), c.req.header('stripe-signature'))
  return c.json({ received: true, duplicate: result.duplicate })
})

paymentsApi.get('/payments', async (c) => c.json({ items: (await listPayments(c.var.ctx)).map(toApiPayment), next_cursor: null }))
