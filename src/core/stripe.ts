import Stripe from 'stripe'
import type { Bindings } from '../env'
import { hmacSha256Hex } from '../lib/webhook-signature'

// Stripe, as the Worker reaches it: the official library over fetch (no Node), and its
// SubtleCrypto provider for checking webhook signatures. Without STRIPE_SECRET_KEY the platform
// runs in local test mode: local test pages stand in for Checkout and Connect onboarding.

/** Payments go through Stripe when its secret key is set; otherwise through the local test pages. */
export const stripeConfigured = (env: Pick<Bindings, 'STRIPE_SECRET_KEY'>) => Boolean(env.STRIPE_SECRET_KEY)

/**
 * The local test pages stand in for Stripe only outside production: a production deployment
 * without Stripe keys takes no payments at all (never a free "Pay" button).
 */
export const localPaymentsAllowed = (env: Pick<Bindings, 'STRIPE_SECRET_KEY' | 'APP_ENV'>) => !env.STRIPE_SECRET_KEY && env.APP_ENV !== 'production'

// A webhook older than this (by its signed timestamp) is refused as a replay.
export const WEBHOOK_TOLERANCE_SECONDS = 300

export function stripeClient(env: Pick<Bindings, 'STRIPE_SECRET_KEY'>) {
  if (!env.STRIPE_SECRET_KEY) throw new Error('Stripe is not configured')
  return new Stripe(env.STRIPE_SECRET_KEY, { httpClient: Stripe.createFetchHttpClient(), maxNetworkRetries: 2 })
}

type SecretsEnv = Pick<Bindings, 'STRIPE_SECRET_KEY' | 'STRIPE_WEBHOOK_SECRET' | 'STRIPE_CONNECT_WEBHOOK_SECRET' | 'SESSION_SECRET' | 'APP_ENV'>

/**
 * The secret webhooks are signed with: Stripe's endpoint secret when Stripe is configured; in
 * local test mode one derived from SESSION_SECRET, which only this deployment knows.
 */
export async function webhookSecret(env: SecretsEnv): Promise<string | null> {
  if (env.STRIPE_SECRET_KEY) return env.STRIPE_WEBHOOK_SECRET ?? null
  if (!localPaymentsAllowed(env)) return null
  return `whsec_local_${await hmacSha256Hex(env.SESSION_SECRET, 'stripe-webhook')}`
}

/** Every secret a webhook may be signed with: the endpoint's, and the Connect endpoint's if set. */
export async function webhookSecrets(env: SecretsEnv): Promise<string[]> {
  const main = await webhookSecret(env)
  return [main, env.STRIPE_SECRET_KEY ? env.STRIPE_CONNECT_WEBHOOK_SECRET : undefined].filter((s): s is string => Boolean(s))
}

const cryptoProvider = Stripe.createSubtleCryptoProvider()

const constructEvent = (body: string, signature: string, secret: string, now: Date) =>
  // `receivedAt` is in milliseconds (the library divides it).
  Stripe.webhooks.constructEventAsync(body, signature, secret, WEBHOOK_TOLERANCE_SECONDS, cryptoProvider, now.getTime())

export type StripeEvent = Awaited<ReturnType<typeof constructEvent>>

/** The event, if its signature is good (by any of the secrets) and recent; null otherwise. */
export async function verifiedEvent(body: string, signature: string, secrets: string[], now: Date): Promise<StripeEvent | null> {
  for (const secret of secrets) {
    const event = await constructEvent(body, signature, secret, now).catch(() => null)
    if (event) return event
  }
  return null
}

/** The id of an expandable Stripe field (a string, or the object when expanded). */
export const stripeId = (field: string | { id: string } | null | undefined) => (typeof field === 'string' ? field : (field?.id ?? null))
