import { Hono, type Context } from 'hono'
import { PaymentOutcomePage, PaymentsPage, ReceiptPage } from '../../../views/payments/payment-pages'
import { renderView } from '../../core/page'
import type { AppEnv } from '../../env'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { z } from 'zod'
import { outcomeOf, paymentView, toApiAdminPayment } from './present'
import { AdminPaymentsQuery } from './schemas'
import { tablePage } from '../../core/table-page'
import { AdminPaymentsPage } from '../../../views/admin/payments-page'
import { EarningsPage } from '../../../views/payments/earnings-page'
import { IsoDate, withoutEmpty } from '../../core/input'
import { adminPayments, doctorEarnings, listPayments, paymentOfAppointment, receiptOf } from './service'
import { CONSULTATION_LABELS, formatDateTime } from '../../lib/format'

export const paymentRoutes = new Hono<AppEnv>()

paymentRoutes.use('/appointments/:id/paid', requireRole('patient'))

const zone = (c: Context<AppEnv>) => viewerTimeZone(c, 'UTC').timezone

// The return page: while the webhook is awaited it checks again by itself — every 3 seconds
// through htmx, or with the Refresh header without JavaScript.
paymentRoutes.get('/appointments/:id/paid', async (c) => {
  const payment = await paymentOfAppointment(c.var.ctx, c.req.param('id'))
  const outcome = outcomeOf(payment)
  if (outcome === 'waiting') c.header('Refresh', '3')
  return renderView(c, { title: 'Your payment', body: <PaymentOutcomePage payment={paymentView(payment)} outcome={outcome} timezone={zone(c)} /> })
})

// The patient's payments, each with its receipt; a receipt (the patient's own, or an admin's).
paymentRoutes.get('/payments', requireRole('patient'), async (c) => {
  const items = (await listPayments(c.var.ctx)).map((p) => ({ id: p.id, doctorName: p.doctorName, amountCents: p.amountCents, currency: p.currency, status: p.status, createdAt: p.createdAt.toISOString(), receipt: p.invoiceNumber !== null }))
  return renderView(c, { title: 'Your payments', body: <PaymentsPage items={items} timezone={zone(c)} /> })
})

paymentRoutes.get('/payments/:id/receipt', async (c) => {
  const { payment, details, refunds, tax, contact } = await receiptOf(c.var.ctx, c.req.param('id'))
  const receipt = {
    number: details.invoiceNumber!,
    paidAt: (payment.paidAt ?? payment.createdAt).toISOString(),
    patient: { name: details.patientName, email: details.patientEmail },
    seller: { doctorName: payment.doctorName, clinicName: details.clinicName, address: details.clinicAddress ?? details.practiceAddress },
    service: `${CONSULTATION_LABELS[payment.type as keyof typeof CONSULTATION_LABELS] ?? 'Visit'} on ${payment.startAt ? formatDateTime(payment.startAt, zone(c)) : ''}`,
    amountCents: payment.amountCents,
    currency: payment.currency,
    tax,
    contact,
    refunds: refunds.map((r) => ({ number: r.receiptNumber!, amountCents: r.amountCents, reason: r.reason, at: r.createdAt.toISOString() })),
  }
  return renderView(c, { title: `Receipt ${receipt.number}`, body: <ReceiptPage r={receipt} timezone={zone(c)} /> })
})

// The admins' payments table.
paymentRoutes.get('/admin/payments', requireRole('admin:super', 'admin:clinic', 'admin:support'), async (c) => {
  const { page, fields, query, understood } = await tablePage(c, AdminPaymentsQuery, (q) => adminPayments(c.var.ctx, q))
  return renderView(c, {
    title: 'Payments',
    body: <AdminPaymentsPage items={page.items.map(toApiAdminPayment)} state={{ ...fields, dir: query.dir }} nextCursor={page.nextCursor} timezone={zone(c)} error={understood ? undefined : 'Some filters were not understood, so every payment is shown.'} />,
  })
})

// A doctor's earnings (the practice's /doctor pages are a verified doctor's).
const EarningsRange = z.object({ from: IsoDate.optional(), to: IsoDate.optional() })
paymentRoutes.get('/doctor/earnings', async (c) => {
  const asked = EarningsRange.safeParse(withoutEmpty(c.req.query()))
  const view = await doctorEarnings(c.var.ctx, asked.success ? asked.data : {})
  return renderView(c, { title: 'Earnings', body: <EarningsPage view={view} timezone={zone(c)} error={asked.success ? undefined : 'The dates were not understood, so the last 12 months are shown.'} /> })
})
