import { toIsoInstant } from '../../lib/time'
import type { AdminPaymentRow, PaymentRow } from './queries'

export const toApiPayment = (p: PaymentRow) => ({
  id: p.id,
  appointment_id: p.appointmentId,
  doctor: { id: p.doctorId, name: p.doctorName },
  amount_cents: p.amountCents,
  refunded_cents: p.refundedCents,
  currency: p.currency,
  status: p.status,
  created_at: toIsoInstant(p.createdAt),
  paid_at: p.paidAt ? toIsoInstant(p.paidAt) : null,
  // The receipt's number and page, once it was paid.
  receipt: p.invoiceNumber ? { number: p.invoiceNumber, url: `/payments/${p.id}/receipt` } : null,
})

export const paymentView = (p: PaymentRow) => ({
  appointmentId: p.appointmentId!,
  doctorName: p.doctorName,
  type: p.type ?? 'video',
  start: (p.startAt ?? p.createdAt).toISOString(),
  amountCents: p.amountCents,
  currency: p.currency,
  status: p.status,
  dueBy: p.paymentDueBy ? p.paymentDueBy.toISOString() : null,
  appointmentStatus: p.appointmentStatus,
})

/** What the return page says: booked, still waiting for the webhook, refunded, or released unpaid. */
export function outcomeOf(p: PaymentRow): 'booked' | 'waiting' | 'refunded' | 'released' {
  if (p.status === 'refunded' || p.refundedCents > 0) return 'refunded'
  if (p.status === 'succeeded') return p.paymentDueBy ? 'waiting' : 'booked'
  if (p.status === 'failed' || p.appointmentStatus === 'cancelled') return 'released'
  return 'waiting'
}

export const toApiAdminPayment = (p: AdminPaymentRow) => ({ ...toApiPayment(p), patient_name: p.patientName })

export const PAYMENT_CSV_HEADER = ['id', 'created_at', 'patient', 'doctor', 'amount_cents', 'refunded_cents', 'currency', 'status', 'receipt', 'paid_at']
export const paymentCsvFields = (row: AdminPaymentRow) => {
  const p = toApiAdminPayment(row)
  return [p.id, p.created_at, p.patient_name, p.doctor.name, p.amount_cents, p.refunded_cents, p.currency, p.status, p.receipt?.number, p.paid_at]
}
