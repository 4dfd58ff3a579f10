import { CONSULTATION_LABELS, formatDateTime, formatMoney } from '../../src/lib/format'
import { Notices } from '../components/form'
import { TestCheckoutButtons } from './stripe-test-pages'

export type PaymentView = { appointmentId: string; doctorName: string; type: string; start: string; amountCents: number; currency: string; status: string; dueBy: string | null; appointmentStatus: string | null }

function Summary({ p, timezone }: { p: PaymentView; timezone: string }) {
  return (
    <dl class="facts">
      <dt>Visit</dt>
      <dd>
        {CONSULTATION_LABELS[p.type as keyof typeof CONSULTATION_LABELS] ?? p.type} with {p.doctorName}
      </dd>
      <dt>When</dt>
      <dd>{formatDateTime(new Date(p.start), timezone)}</dd>
      <dt>Amount</dt>
      <dd>{formatMoney(p.amountCents, p.currency)}</dd>
    </dl>
  )
}

// The local test payment page: it stands in for Stripe Checkout when no Stripe keys are set
// (development and tests). "Pay" sends the app the webhook Stripe would send, signed as Stripe
// signs it; "Decline" is a refused card; "Abandon" leaves, and the held time is released later.
export function LocalCheckoutPage({ payment, timezone, error }: { payment: PaymentView; timezone: string; error?: string }) {
  const action = `/appointments/${payment.appointmentId}/pay`
  return (
    <section aria-labelledby="checkout-title" class="narrow">
      <h1 id="checkout-title">Pay for your visit</h1>
      <p class="notice warn">Test payment page: no card is charged. With Stripe keys configured, patients pay on Stripe Checkout instead.</p>
      <Notices error={error} />
      <Summary p={payment} timezone={timezone} />
      {payment.dueBy ? <p>We hold this time for you until {formatDateTime(new Date(payment.dueBy), timezone)}.</p> : null}
      <TestCheckoutButtons action={action} payLabel={`Pay ${formatMoney(payment.amountCents, payment.currency)}`} abandon={`/appointments/${payment.appointmentId}`} />
    </section>
  )
}

const OUTCOMES: Record<string, { title: string; text: string }> = {
  booked: { title: 'Paid: your visit is booked', text: 'We emailed you the details.' },
  waiting: { title: 'Waiting for the payment', text: 'Your payment is being confirmed; this page checks again by itself.' },
  refunded: { title: 'Your payment was refunded', text: 'It arrived after the time we held for you was taken, so we refunded it in full. Please choose another time.' },
  released: { title: 'The held time was released', text: 'The payment was not completed in time. Nothing was charged; please choose a time again.' },
}

/** Where the patient lands after paying: the outcome, or, while the webhook is awaited, a page that checks again. */
export function PaymentOutcomePage({ payment, outcome, timezone }: { payment: PaymentView; outcome: keyof typeof OUTCOMES; timezone: string }) {
  const { title, text } = OUTCOMES[outcome]!
  return (
    <section aria-labelledby="outcome-title" class="narrow" id="payment-outcome" {...(outcome === 'waiting' ? { 'hx-get': `/appointments/${payment.appointmentId}/paid`, 'hx-trigger': 'every 3s', 'hx-select': '#payment-outcome', 'hx-swap': 'outerHTML' } : {})}>
      <h1 id="outcome-title">{title}</h1>
      <p role="status">{text}</p>
      <Summary p={payment} timezone={timezone} />
      <p>
        <a href={`/appointments/${payment.appointmentId}`}>See the appointment</a> · <a href="/payments">Your payments and receipts</a>
      </p>
    </section>
  )
}

export type ReceiptView = {
  number: string
  paidAt: string
  patient: { name: string; email: string }
  seller: { doctorName: string; clinicName: string | null; address: string | null }
  service: string
  amountCents: number
  currency: string
  tax: { label: string; percent: number }
  contact: { email: string; phone: string }
  refunds: { number: string; amountCents: number; reason: string | null; at: string }[]
}

// The part of a tax-inclusive amount that is tax (rounded to the minor unit).
const taxPart = (cents: number, percent: number) => Math.round((cents * percent) / (100 + percent))

/** A receipt for a payment and each of its refunds: printable on A4 and Letter, like a prescription. */
export function ReceiptPage({ r, timezone }: { r: ReceiptView; timezone: string }) {
  const money = (cents: number) => formatMoney(cents, r.currency)
  return (
    <article class="rx-print" aria-labelledby="receipt-title">
      <p class="no-print">
        <a href="/payments">Your payments</a>
      </p>
      <h1 id="receipt-title">Receipt {r.number}</h1>
      <div class="rx-parties">
        <dl class="facts">
          <dt>From</dt>
          <dd>
            {r.seller.doctorName}
            {r.seller.clinicName ? `, ${r.seller.clinicName}` : ''}
            {r.seller.address ? (
              <>
                <br />
                {r.seller.address}
              </>
            ) : null}
            <br />
            through MediConnect ({r.contact.email}
            {r.contact.phone ? `, ${r.contact.phone}` : ''})
          </dd>
        </dl>
        <dl class="facts">
          <dt>To</dt>
          <dd>
            {r.patient.name}
            <br />
            {r.patient.email}
          </dd>
          <dt>Paid</dt>
          <dd>{formatDateTime(new Date(r.paidAt), timezone)}</dd>
        </dl>
      </div>
      <table>
        <caption class="visually-hidden">What was paid</caption>
        <thead>
          <tr>
            <th scope="col">Service</th>
            <th scope="col">Amount</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <td>{r.service}</td>
            <td>{money(r.amountCents)}</td>
          </tr>
          {r.tax.percent > 0 ? (
            <tr>
              <td>
                Of which {r.tax.label || 'tax'} ({r.tax.percent} %)
              </td>
              <td>{money(taxPart(r.amountCents, r.tax.percent))}</td>
            </tr>
          ) : null}
        </tbody>
      </table>
      {r.refunds.map((refund) => (
        <section aria-label={`Refund ${refund.number}`}>
          <h2>Refund receipt {refund.number}</h2>
          <p>
            {money(refund.amountCents)} refunded on {formatDateTime(new Date(refund.at), timezone)}
            {refund.reason ? ` — ${refund.reason}` : ''}
            {r.tax.percent > 0 ? ` (of which ${r.tax.label || 'tax'} ${money(taxPart(refund.amountCents, r.tax.percent))})` : ''}
          </p>
        </section>
      ))}
      <p class="no-print muted">Print it, or save it as a PDF, from your browser's Print menu: the page fits A4 and Letter.</p>
    </article>
  )
}

/** The patient's payments, newest first, each with its receipt. */
export function PaymentsPage({ items, timezone }: { items: { id: string; doctorName: string; amountCents: number; currency: string; status: string; createdAt: string; receipt: boolean }[]; timezone: string }) {
  const STATUS: Record<string, string> = { pending: 'Waiting for payment', succeeded: 'Paid', failed: 'Not paid', refunded: 'Refunded', partially_refunded: 'Partly refunded' }
  return (
    <section aria-labelledby="payments-title" class="narrow">
      <h1 id="payments-title">Your payments</h1>
      {items.length === 0 ? (
        <p class="empty">No payments yet.</p>
      ) : (
        <ul class="plain-list stack">
          {items.map((p) => (
            <li class="card">
              <strong>{formatMoney(p.amountCents, p.currency)}</strong> to {p.doctorName} · {STATUS[p.status] ?? p.status} · {formatDateTime(new Date(p.createdAt), timezone)}
              {p.receipt ? (
                <>
                  {' '}
                  · <a href={`/payments/${p.id}/receipt`}>Receipt</a>
                </>
              ) : null}
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
