import { TICKET_CATEGORIES, TICKET_PRIORITIES, TICKET_STATUSES } from '../../src/db/schema/enums'
import { duration, type ApiTicket, type ApiTicketMessage } from '../../src/features/support-tickets/present'
import { CATEGORY_LABELS, STATUS_LABELS } from '../../src/features/support-tickets/schemas'
import { formatDateTime } from '../../src/lib/format'
import { DataTable, TableFilters, FilterInput, FilterSelect, TablePager, tableHref, type TableState } from '../components/data-table'
import { FormMessage, Notices, type FormState } from '../components/form'
import { TextArea, TicketThread } from '../support/support-pages'

type Agent = { id: string; name: string }
const minutesSince = (iso: string, now: Date) => Math.max(0, Math.round((now.getTime() - Date.parse(iso)) / 60_000))

// Support's queue: the longest waiting first; filter by status, priority, category, assignee.
export function TicketQueuePage({ items, agents, state, nextCursor, now, error }: { items: ApiTicket[]; agents: Agent[]; state: TableState; nextCursor: string | null; now: Date; error?: string }) {
  const base = '/admin/tickets'
  return (
    <section id="table-page" aria-labelledby="tickets-title">
      <h1 id="tickets-title">Support tickets</h1>
      <Notices error={error} />
      <TableFilters base={base} label="Find tickets" exportHref={tableHref('/api/v1/admin/tickets.csv', { ...state, cursor: undefined })}>
        <FilterInput name="q" label="Subject, person or id" type="search" value={state.q} />
        <FilterSelect name="status" label="Status" value={state.status} options={[['active', 'Open or waiting'], ...TICKET_STATUSES.map((s): [string, string] => [s, STATUS_LABELS[s]])]} />
        <FilterSelect name="priority" label="Priority" value={state.priority} options={[['', 'Any'], ...TICKET_PRIORITIES.map((p): [string, string] => [p, p])]} />
        <FilterSelect name="category" label="Category" value={state.category} options={[['', 'Any'], ...TICKET_CATEGORIES.map((c): [string, string] => [c, CATEGORY_LABELS[c]])]} />
        <FilterSelect name="assignee" label="Assignee" value={state.assignee} options={[['', 'Anyone'], ['me', 'Me'], ['none', 'Nobody'], ...agents.map((a): [string, string] => [a.id, a.name])]} />
        <FilterSelect name="dir" label="Order" value={state.dir} options={[['asc', 'Oldest first'], ['desc', 'Newest first']]} />
      </TableFilters>
      {items.length === 0 ? (
        <p class="empty">No ticket matches these filters.</p>
      ) : (
        <DataTable
          caption="Support tickets"
          head={
            <>
              <th scope="col">Subject</th>
              <th scope="col">From</th>
              <th scope="col">Status</th>
              <th scope="col">Priority</th>
              <th scope="col">Assignee</th>
              <th scope="col">Age</th>
              <th scope="col">First response</th>
            </>
          }
        >
          {items.map((t) => (
            <tr>
              <td>
                <a href={`/admin/tickets/${t.id}`}>{t.subject}</a>
                <br />
                <span class="muted small">{CATEGORY_LABELS[t.category]}</span>
              </td>
              <td data-label="From">{t.requester.name}</td>
              <td data-label="Status">{STATUS_LABELS[t.status]}</td>
              <td data-label="Priority">{t.priority === 'urgent' || t.priority === 'high' ? <strong>{t.priority}</strong> : t.priority}</td>
              <td data-label="Assignee">{t.assignee?.name ?? '—'}</td>
              <td data-label="Age">{duration(minutesSince(t.created_at, now))}</td>
              <td data-label="First response">{t.first_response_minutes === null ? <strong>Not yet</strong> : `after ${duration(t.first_response_minutes)}`}</td>
            </tr>
          ))}
        </DataTable>
      )}
      <TablePager base={base} state={state} nextCursor={nextCursor} />
    </section>
  )
}

export function AdminTicketPage({ ticket, messages, agents, timezone, state, notice }: { ticket: ApiTicket; messages: ApiTicketMessage[]; agents: Agent[]; timezone: string; state?: FormState; notice?: string }) {
  const base = `/admin/tickets/${ticket.id}`
  return (
    <section aria-labelledby="ticket-title">
      <p>
        <a href="/admin/tickets">The queue</a>
      </p>
      <h1 id="ticket-title">{ticket.subject}</h1>
      <Notices notice={notice} />
      <dl class="facts">
        <dt>From</dt>
        <dd>
          <a href={`/admin/users/${ticket.requester.id}`}>{ticket.requester.name}</a> ({ticket.requester.role})
        </dd>
        <dt>Category</dt>
        <dd>{CATEGORY_LABELS[ticket.category]}</dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(new Date(ticket.created_at), timezone)}</dd>
        <dt>First response</dt>
        <dd>{ticket.first_response_minutes === null ? 'Not yet' : `after ${duration(ticket.first_response_minutes)}`}</dd>
        {ticket.appointment_id ? (
          <>
            <dt>Appointment</dt>
            <dd>
              <a href={`/appointments/${ticket.appointment_id}`}>{ticket.appointment_id}</a>
            </dd>
          </>
        ) : null}
        {ticket.conversation_id ? (
          <>
            <dt>From the conversation</dt>
            <dd>
              <a href={`/conversations/${ticket.conversation_id}`}>Open it</a>
            </dd>
          </>
        ) : null}
      </dl>
      <form method="post" action={`${base}/update`} class="filters" aria-label="Status, priority and assignee">
        <p class="field">
          <label for="t-status">Status</label>
          <select id="t-status" name="status">
            {TICKET_STATUSES.map((s) => (
              <option value={s} selected={ticket.status === s}>
                {STATUS_LABELS[s]}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="t-priority">Priority</label>
          <select id="t-priority" name="priority">
            {TICKET_PRIORITIES.map((p) => (
              <option value={p} selected={ticket.priority === p}>
                {p}
              </option>
            ))}
          </select>
        </p>
        <p class="field">
          <label for="t-assignee">Assignee</label>
          <select id="t-assignee" name="assignee_id">
            <option value="">Nobody</option>
            {agents.map((a) => (
              <option value={a.id} selected={ticket.assignee?.id === a.id}>
                {a.name}
              </option>
            ))}
          </select>
        </p>
        <p class="actions">
          <button type="submit" class="secondary">
            Save
          </button>
        </p>
      </form>
      <TicketThread ticket={ticket} messages={messages} timezone={timezone} />
      {ticket.status === 'closed' ? (
        <p>This ticket is closed.</p>
      ) : (
        <form method="post" action={`${base}/messages`} class="stack" novalidate>
          <FormMessage state={state} />
          <TextArea name="body" label="Reply" state={state} rows={5} hint="The requester is told and emailed, unless it is an internal note." />
          <label class="checkbox">
            <input type="checkbox" name="internal" value="on" checked={state?.values?.internal === 'on'} /> Internal note (only support sees it)
          </label>
          <button type="submit">Send</button>
        </form>
      )}
    </section>
  )
}
