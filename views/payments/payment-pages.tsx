import { CONSULTATION_LABELS, formatDateTime, formatMoney } from '../../src/lib/format'
import { Notices } from '../components/form'

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
      <form method="post" action={action} class="inline-form">
        <input type="hidden" name="outcome" value="pay" />
        <button type="submit">Pay {formatMoney(payment.amountCents, payment.currency)}</button>
      </form>{' '}
      <form method="post" action={action} class="inline-form">
        <input type="hidden" name="outcome" value="decline" />
        <button type="submit" class="secondary">
          Decline (a refused card)
        </button>
      </form>{' '}
      <a href={`/appointments/${payment.appointmentId}`}>Abandon</a>
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
        <a href={`/appointments/${payment.appointmentId}`}>See the appointment</a>
      </p>
    </section>
  )
}
