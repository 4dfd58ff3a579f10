import type { Bindings } from '../env'

/** Payments go through Stripe when its secret key is set; otherwise through the local test payment page. */
export const stripeConfigured = (env: Pick<Bindings, 'STRIPE_SECRET_KEY'>) => Boolean(env.STRIPE_SECRET_KEY)

/**
 * The local test payment page stands in for Stripe only outside production: a production
 * deployment without Stripe keys takes no payments at all (never a free "Pay" button).
 */
export const localPaymentsAllowed = (env: Pick<Bindings, 'STRIPE_SECRET_KEY' | 'APP_ENV'>) => !env.STRIPE_SECRET_KEY && env.APP_ENV !== 'production'
