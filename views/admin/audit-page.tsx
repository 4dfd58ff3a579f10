import { Notices } from '../components/form'
import { formatDateTime } from '../../src/lib/format'
import { DataTable, TableFilters, FilterInput, TablePager, tableHref, type TableState } from '../components/data-table'

export type AuditItem = { id: string; at: string; action: string; actor: { id: string | null; name: string | null; role: string | null }; entity: { type: string | null; id: string | null }; subject_user_id: string | null; ip: string | null; sealed: boolean }
export type ChainCheck = { ok: boolean; checked: number; broken_at: string | null; unsealed: number }

// Who did what to which record, newest first; filters and export; the chain's check on request.
export function AuditPage({ items, state, nextCursor, timezone, check, error }: { items: AuditItem[]; state: TableState; nextCursor: string | null; timezone: string; check?: ChainCheck; error?: string }) {
  const base = '/admin/audit'
  return (
    <section id="table-page" aria-labelledby="audit-title">
      <h1 id="audit-title">Audit log</h1>
      <Notices error={error} />
      {check ? (
        <p class={check.ok ? 'notice ok' : 'notice error'} role={check.ok ? 'status' : 'alert'}>
          {check.ok
            ? `The chain is whole: ${check.checked.toLocaleString('en')} rows checked.`
            : `The chain breaks at row ${check.broken_at}, after ${check.checked.toLocaleString('en')} good rows: that row or one before it was changed outside the application.`}
        </p>
      ) : null}
      <TableFilters base={base} label="Filter the audit log" exportHref={tableHref('/api/v1/admin/audit.csv', { ...state, cursor: undefined })}>
        <FilterInput name="action" label="Action (or its start, e.g. record.)" value={state.action} />
        <FilterInput name="actor" label="Actor (user id)" value={state.actor} />
        <FilterInput name="subject" label="Whose data (patient's user id)" value={state.subject} />
        <FilterInput name="entity_type" label="Entity type" value={state.entity_type} />
        <FilterInput name="entity_id" label="Entity id" value={state.entity_id} />
        <FilterInput name="ip" label="Address" value={state.ip} />
        <FilterInput name="from" label="From" value={state.from} type="date" />
        <FilterInput name="to" label="Until" value={state.to} type="date" />
      </TableFilters>
      <form method="post" action="/admin/audit/verify">
        <button type="submit" class="secondary">
          Check the chain
        </button>
      </form>
      {items.length === 0 ? (
        <p class="empty">No entries match these filters.</p>
      ) : (
        <DataTable
          caption="Audit log, newest first"
          head={
            <>
              <th scope="col">When</th>
              <th scope="col">Action</th>
              <th scope="col">Actor</th>
              <th scope="col">Record</th>
              <th scope="col">Whose data</th>
              <th scope="col">Address</th>
            </>
          }
        >
          {items.map((e) => (
            <tr>
              <td>
                <time datetime={e.at}>{formatDateTime(new Date(e.at), timezone)}</time>
              </td>
              <td data-label="Action">
                <code>{e.action}</code>
              </td>
              <td data-label="Actor">{e.actor.id ? <a href={tableHref(base, { actor: e.actor.id })}>{e.actor.name ?? e.actor.id}</a> : 'MediConnect (system)'}</td>
              <td data-label="Record">{e.entity.type ? `${e.entity.type} ${e.entity.id ?? ''}` : '—'}</td>
              <td data-label="Whose data">{e.subject_user_id ? <a href={tableHref(base, { subject: e.subject_user_id })}>{e.subject_user_id}</a> : '—'}</td>
              <td data-label="Address">{e.ip ?? '—'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <TablePager base={base} state={state} nextCursor={nextCursor} />
    </section>
  )
}
