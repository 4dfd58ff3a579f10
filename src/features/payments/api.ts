import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { PAYMENT_CSV_HEADER, paymentCsvFields, toApiAdminPayment, toApiPayment } from './present'
import { AdminPaymentsQuery } from './schemas'
import { csvResponse } from '../../lib/csv'
import { adminPayments, doctorEarnings, exportPayments, listPayments, refundByAdmin } from './service'
import { z } from 'zod'
import { IsoDate, oneLine, TEXT_LIMITS } from '../../core/input'
import { jsonBody, queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'

export const paymentsApi = new Hono<AppEnv>()

const RefundInput = z.object({
  amount_cents: z.number('must be a whole number of cents').int('must be a whole number of cents').min(1, 'must be at least 1').optional(),
  reason: oneLine(TEXT_LIMITS.reason).pipe(z.string().min(3, 'must say why (at least 3 characters)')),
})

// An admin's refund by hand (super and clinic admins; a clinic admin's clinic's payments only).
paymentsApi.post('/admin/payments/:id/refund', requireRole('admin:super', 'admin:clinic'), jsonBody(RefundInput), async (c) => c.json({ payment: toApiPayment(await refundByAdmin(c.var.ctx, c.req.param('id'), c.req.valid('json'))) }))

paymentsApi.get('/payments', async (c) => c.json({ items: (await listPayments(c.var.ctx)).map(toApiPayment), next_cursor: null }))

// The admins' payments table (every admin; a clinic admin's clinic's payments only) and its CSV.
const admins = requireRole('admin:super', 'admin:clinic', 'admin:support')
paymentsApi.get('/admin/payments', admins, queryParams(AdminPaymentsQuery), async (c) => {
  const page = await adminPayments(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map(toApiAdminPayment), next_cursor: page.nextCursor })
})
paymentsApi.get('/admin/payments.csv', admins, queryParams(AdminPaymentsQuery), (c) => csvResponse('payments.csv', PAYMENT_CSV_HEADER, exportPayments(c.var.ctx, c.req.valid('query')), paymentCsvFields))

// A doctor's earnings ledger and totals.
paymentsApi.get('/doctor/earnings', queryParams(z.object({ from: IsoDate.optional(), to: IsoDate.optional() })), async (c) => c.json(await doctorEarnings(c.var.ctx, c.req.valid('query'))))
