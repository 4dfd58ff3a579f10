import { z } from 'zod'
import { oneLine } from '../../core/input'
import { PLAN_FEATURES } from '../../db/schema/enums'

// A subscription plan as a super admin defines it (the API and the admin form alike).
export const PlanInput = z.object({
  name: oneLine(60).pipe(z.string().min(2, 'is required (at least 2 characters)')),
  price_cents: z.number('must be a whole number of cents').int('must be a whole number of cents').min(0, 'cannot be negative').max(1_000_000, 'is too large'),
  currency: z
    .string('must be a three-letter currency code')
    .trim()
    .toUpperCase()
    .regex(/^[A-Z]{3}$/, 'must be a three-letter currency code such as USD'),
  commission_percent: z.number('must be a whole number').int('must be a whole number').min(0, 'must be 0 or more').max(50, 'must be at most 50'),
  // How many kinds of visit its doctors may offer (null: every kind).
  max_consultation_types: z.number('must be a whole number').int('must be a whole number').min(1, 'must be at least 1').max(3, 'must be at most 3').nullable(),
  features: z.array(z.enum(PLAN_FEATURES, 'is not a plan feature')).max(PLAN_FEATURES.length).transform((list) => [...new Set(list)]),
  active: z.boolean('must be true or false'),
})
export type PlanInput = z.infer<typeof PlanInput>

export const SubscribeInput = z.object({ plan_id: z.string('is required').min(1, 'is required').max(40) })
