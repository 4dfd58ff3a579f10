import { z } from 'zod'
import { IsoDate, TEXT_LIMITS } from '../../core/input'
import { PAYMENT_STATUSES } from '../../db/schema/enums'

// The admins' payments table, all in the URL.
export const AdminPaymentsQuery = z.object({
  q: z.string().trim().max(TEXT_LIMITS.search, `must be at most ${TEXT_LIMITS.search} characters`).optional(),
  status: z.enum(PAYMENT_STATUSES, 'is not a payment status').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  dir: z.enum(['asc', 'desc'], 'must be asc or desc').default('desc'),
  cursor: z.string().max(300, 'is not a valid cursor').optional(),
})
export type AdminPaymentsQuery = z.output<typeof AdminPaymentsQuery>
