import { formatDay, formatMoney } from '../../src/lib/format'
import { DataTable } from '../components/data-table'
import { Notices } from '../components/form'
import { DoctorMoneyLinks } from './doctor-money-links'

export type PayoutsView = {
  account_status: 'none' | 'onboarding' | 'enabled'
  balance: { currency: string; amount_cents: number }[]
  items: { id: string; amount_cents: number; currency: string; period_start: string; period_end: string; status: string; failure: string | null; paid_at: string | null }[]
}

const STATUS: Record<string, string> = { pending: 'Being sent', paid: 'Paid', failed: 'Failed (we retry next week)' }

// A doctor's payouts: their payout account (Stripe Connect), what is owed to them, the payouts made.
export function PayoutsPage({ view, timezone, notice }: { view: PayoutsView; timezone: string; notice?: string }) {
  const day = (iso: string) => formatDay(new Date(iso), timezone)
  return (
    <section aria-labelledby="payouts-title">
      <h1 id="payouts-title">Payouts</h1>
      <DoctorMoneyLinks here="/doctor/payouts" />
      <Notices notice={notice} />
      <section aria-labelledby="account-title" class="card">
        <h2 id="account-title">Your payout account</h2>
        {view.account_status === 'enabled' ? (
          <p role="status">Set up: each Monday we send what your visits earned once they are over, less commission and refunds.</p>
        ) : (
          <>
            <p role="status">{view.account_status === 'none' ? 'Not set up yet: set it up to be paid.' : 'Not finished: Stripe needs more details before it can pay you.'}</p>
            <form method="post" action="/doctor/payouts/onboarding">
              <button type="submit">{view.account_status === 'none' ? 'Set up payouts with Stripe' : 'Continue with Stripe'}</button>
            </form>
          </>
        )}
      </section>
      <h2>Owed to you</h2>
      {view.balance.length === 0 ? (
        <p>Nothing at the moment.</p>
      ) : (
        <ul>
          {view.balance.map((b) => (
            <li>
              {formatMoney(b.amount_cents, b.currency)} from visits that are over, in the next payout
            </li>
          ))}
        </ul>
      )}
      {view.items.length === 0 ? (
        <p class="empty">No payouts yet.</p>
      ) : (
        <DataTable
          caption="Payouts"
          head={
            <>
              <th scope="col">Made</th>
              <th scope="col">Amount</th>
              <th scope="col">For payments from</th>
              <th scope="col">Status</th>
            </>
          }
        >
          {view.items.map((p) => (
            <tr>
              <th scope="row">{day(p.period_end)}</th>
              <td data-label="Amount">{formatMoney(p.amount_cents, p.currency)}</td>
              <td data-label="For payments from">{day(p.period_start)}</td>
              <td data-label="Status">{STATUS[p.status] ?? p.status}</td>
            </tr>
          ))}
        </DataTable>
      )}
    </section>
  )
}
