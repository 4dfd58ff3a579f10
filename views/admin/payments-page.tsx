import { formatDateTime, formatMoney } from '../../src/lib/format'
import { DataTable, FilterInput, FilterSelect, TableFilters, TablePager, tableHref, type TableState } from '../components/data-table'
import { Notices } from '../components/form'

export type AdminPaymentItem = { id: string; patient_name: string; doctor: { name: string }; amount_cents: number; refunded_cents: number; currency: string; status: string; created_at: string; receipt: { number: string; url: string } | null }

const STATUS: [string, string][] = [['', 'Any'], ['pending', 'Waiting for payment'], ['succeeded', 'Paid'], ['failed', 'Not paid'], ['partially_refunded', 'Partly refunded'], ['refunded', 'Refunded']]

// Every payment the admin may see: find by patient, doctor, payment id or receipt number.
export function AdminPaymentsPage({ items, state, nextCursor, timezone, error }: { items: AdminPaymentItem[]; state: TableState; nextCursor: string | null; timezone: string; error?: string }) {
  const base = '/admin/payments'
  return (
    <section id="table-page" aria-labelledby="payments-title">
      <h1 id="payments-title">Payments</h1>
      <Notices error={error} />
      <TableFilters base={base} label="Find payments" exportHref={tableHref('/api/v1/admin/payments.csv', { ...state, cursor: undefined })}>
        <FilterInput name="q" label="Patient, doctor, payment or receipt" type="search" value={state.q} />
        <FilterSelect name="status" label="Status" value={state.status} options={STATUS} />
        <FilterInput name="from" label="Made from" type="date" value={state.from} />
        <FilterInput name="to" label="Made until" type="date" value={state.to} />
        <FilterSelect name="dir" label="Order" value={state.dir} options={[['desc', 'Newest first'], ['asc', 'Oldest first']]} />
      </TableFilters>
      {items.length === 0 ? (
        <p class="empty">No payment matches these filters.</p>
      ) : (
        <DataTable
          caption="Payments"
          head={
            <>
              <th scope="col">Patient</th>
              <th scope="col">Doctor</th>
              <th scope="col">Amount</th>
              <th scope="col">Status</th>
              <th scope="col">Made</th>
              <th scope="col">Receipt</th>
            </>
          }
        >
          {items.map((p) => (
            <tr>
              <td>{p.patient_name}</td>
              <td data-label="Doctor">{p.doctor.name}</td>
              <td data-label="Amount">
                {formatMoney(p.amount_cents, p.currency)}
                {p.refunded_cents ? <span class="muted small"> ({formatMoney(p.refunded_cents, p.currency)} refunded)</span> : null}
              </td>
              <td data-label="Status">{STATUS.find(([v]) => v === p.status)?.[1] ?? p.status}</td>
              <td data-label="Made">
                <time datetime={p.created_at}>{formatDateTime(new Date(p.created_at), timezone)}</time>
              </td>
              <td data-label="Receipt">{p.receipt ? <a href={p.receipt.url}>{p.receipt.number}</a> : '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <TablePager base={base} state={state} nextCursor={nextCursor} />
    </section>
  )
}
