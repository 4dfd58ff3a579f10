import Stripe from 'stripe'
import type { Bindings } from '../../env'
import { hmacSha256Hex } from '../../lib/webhook-signature'
import { localPaymentsAllowed } from '../../core/stripe-mode'

// Stripe, as the Worker reaches it: the official library over fetch (no Node), and its
// SubtleCrypto provider for checking webhook signatures. Without STRIPE_SECRET_KEY the platform
// runs in local test mode: the local payment page stands in for Checkout.

// A webhook older than this (by its signed timestamp) is refused as a replay.
export const WEBHOOK_TOLERANCE_SECONDS = 300

export function stripeClient(env: Pick<Bindings, 'STRIPE_SECRET_KEY'>) {
  if (!env.STRIPE_SECRET_KEY) throw new Error('Stripe is not configured')
  return new Stripe(env.STRIPE_SECRET_KEY, { httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 2 })
}

/**
 * The secret webhooks are signed with: Stripe's endpoint secret when Stripe is configured; in
 * local test mode one derived from SESSION_SECRET, which only this deployment knows.
 */
export async function webhookSecret(env: Pick<Bindings, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'SESSION_SECRET' | 'APP_ENV'>): Promise<string | null> {
  if (env.STRIPE_SECRET_KEY) return env.STRIPE_WEBHOOK_SECRET ?? null
  if (!localPaymentsAllowed(env)) return null
  return `whsec_local_${await hmacSha256Hex(env.SESSION_SECRET, 'stripe-webhook')}`
}

const cryptoProvider = Stripe.createSubtleCryptoProvider()

/** The event, if its signature is good and recent; the library's error otherwise. */
export function verifiedEvent(body: string, signature: string, secret: string, now: Date) {
  // `receivedAt` is in milliseconds (the library divides it).
  return Stripe.webhooks.constructEventAsync(body, signature, secret, WEBHOOK_TOLERANCE_SECONDS, cryptoProvider, now.getTime())
}

export type StripeEvent = Awaited<ReturnType<typeof verifiedEvent>>
