import { CONSULTATION_LABELS, formatDateTime, formatMoney } from '../../src/lib/format'
import { BarChart } from '../components/bar-chart'
import { DataTable, FilterInput } from '../components/data-table'
import { Notices } from '../components/form'
import { DoctorMoneyLinks } from './doctor-money-links'

export type EarningsView = {
  from: string
  to: string
  entries: { kind: string; payment_id: string; at: number; type: string | null; currency: string; amount: number }[]
  months: { month: string; currency: string; gross: number; refunds: number; commission: number; net: number }[]
  types: { type: string; currency: string; net: number }[]
}

const KINDS: Record<string, string> = { payment: 'Payment', commission: 'Platform commission', refund: 'Refund', commission_returned: 'Commission returned' }

// A doctor's earnings: per month (paid, refunded, commission, net), a chart of the net, per
// consultation type, and the ledger's latest entries.
export function EarningsPage({ view, timezone, error }: { view: EarningsView; timezone: string; error?: string }) {
  const money = (cents: number, currency: string) => formatMoney(cents, currency)
  return (
    <section aria-labelledby="earnings-title">
      <h1 id="earnings-title">Earnings</h1>
      <DoctorMoneyLinks here="/doctor/earnings" />
      <Notices error={error} />
      <form method="get" action="/doctor/earnings" class="filters" aria-label="Period">
        <FilterInput name="from" label="From" type="date" value={view.from} />
        <FilterInput name="to" label="Until" type="date" value={view.to} />
        <p class="actions">
          <button type="submit">Show</button>
        </p>
      </form>
      {view.months.length === 0 ? (
        <p class="empty">No payments in this period.</p>
      ) : (
        <>
          <BarChart id="earnings-chart" title="Net earnings per month (whole units)" bars={view.months.map((m) => ({ label: `${m.month} ${m.currency}`, value: Math.round(m.net / 100) }))} valueLabel="net" keyLabel="Month" labelEvery={1} tick={(l) => l.slice(2, 7)} />
          <DataTable
            caption="Per month"
            head={
              <>
                <th scope="col">Month</th>
                <th scope="col">Paid</th>
                <th scope="col">Refunded</th>
                <th scope="col">Commission</th>
                <th scope="col">Net</th>
              </>
            }
          >
            {view.months.map((m) => (
              <tr>
                <th scope="row">{m.month}</th>
                <td data-label="Paid">{money(m.gross, m.currency)}</td>
                <td data-label="Refunded">{money(m.refunds, m.currency)}</td>
                <td data-label="Commission">{money(m.commission, m.currency)}</td>
                <td data-label="Net">{money(m.net, m.currency)}</td>
              </tr>
            ))}
          </DataTable>
          <h2>Per consultation type</h2>
          <ul>
            {view.types.map((t) => (
              <li>
                {CONSULTATION_LABELS[t.type as keyof typeof CONSULTATION_LABELS] ?? t.type}: {money(t.net, t.currency)}
              </li>
            ))}
          </ul>
          <h2>Latest entries</h2>
          <ul class="plain-list history-list">
            {view.entries.slice(0, 100).map((e) => (
              <li>
                {formatDateTime(new Date(e.at), timezone)} · {KINDS[e.kind] ?? e.kind} · <strong>{money(e.amount, e.currency)}</strong>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  )
}
