import type { Bindings } from '../env'

/** Payments go through Stripe when its secret key is set; otherwise through the local test payment page. */
export const stripeConfigured = (env: Pick<Bindings, 'STRIPE_SECRET_KEY'>) => Boolean(env.STRIPE_SECRET_KEY)
