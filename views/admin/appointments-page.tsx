import { formatDateTime } from '../../src/lib/format'
import { StatusBadge, typeLabel, type AppointmentItem } from '../appointments/parts'
import { DataTable, SortHeader, TablePager, tableHref, type TableState } from '../components/data-table'

function Select({ name, label, value, options }: { name: string; label: string; value?: string; options: [string, string][] }) {
  return (
    <p class="field">
      <label for={`f-${name}`}>{label}</label>
      <select id={`f-${name}`} name={name}>
        {options.map(([v, text]) => (
          <option value={v} selected={(value ?? '') === v}>
            {text}
          </option>
        ))}
      </select>
    </p>
  )
}

// Every appointment on the platform, for admins: find by patient, doctor or id, filter, export.
export function AdminAppointmentsPage({ items, state, nextCursor, timezone, specialties, error }: { items: AppointmentItem[]; state: TableState; nextCursor: string | null; timezone: string; specialties: { id: string; name: string }[]; error?: string }) {
  const base = '/admin/appointments'
  return (
    <section aria-labelledby="appointments-title">
      <h1 id="appointments-title">Appointments</h1>
      {error ? (
        <p class="notice error" role="alert">
          {error}
        </p>
      ) : null}
      <form method="get" action={base} class="filters" role="search" aria-label="Find appointments">
        <p class="field">
          <label for="f-q">Patient, doctor or appointment id</label>
          <input id="f-q" name="q" type="search" value={state.q} maxlength={100} />
        </p>
        <Select name="status" label="Status" value={state.status} options={[['', 'Any'], ['pending', 'Waiting'], ['confirmed', 'Confirmed'], ['completed', 'Completed'], ['cancelled', 'Cancelled'], ['rejected', 'Declined'], ['no_show', 'Missed']]} />
        <Select name="type" label="Type" value={state.type} options={[['', 'Any'], ['video', 'Video call'], ['chat', 'Chat'], ['in_person', 'In person']]} />
        <Select name="specialty" label="Specialty" value={state.specialty} options={[['', 'Any'], ...specialties.map((s): [string, string] => [s.id, s.name])]} />
        <p class="field">
          <label for="f-from">Starting from</label>
          <input id="f-from" name="from" type="date" value={state.from} />
        </p>
        <p class="field">
          <label for="f-to">Starting until</label>
          <input id="f-to" name="to" type="date" value={state.to} />
        </p>
        <Select name="sort" label="Sort by" value={state.sort} options={[['start', 'Start'], ['created', 'Booked']]} />
        <Select name="dir" label="Order" value={state.dir} options={[['desc', 'Latest first'], ['asc', 'Earliest first']]} />
        {state.doctor ? <input type="hidden" name="doctor" value={state.doctor} /> : null}
        <p class="actions">
          <button type="submit">Show</button> <a href={base}>Clear</a> <a href={tableHref('/api/v1/admin/appointments.csv', { ...state, cursor: undefined })}>Export all matching (CSV)</a>
        </p>
      </form>
      {items.length === 0 ? (
        <p class="empty">No appointment matches these filters.</p>
      ) : (
        <DataTable
          caption="Appointments"
          head={
            <>
              <SortHeader label="Start" column="start" base={base} state={state} />
              <th scope="col">Patient</th>
              <th scope="col">Doctor</th>
              <th scope="col">Type</th>
              <th scope="col">Status</th>
            </>
          }
        >
          {items.map((a) => (
            <tr>
              <td>
                <a href={`/appointments/${a.id}`}>
                  <time datetime={a.start}>{formatDateTime(new Date(a.start), timezone)}</time>
                </a>
              </td>
              <td data-label="Patient">{a.patient.name}</td>
              <td data-label="Doctor">
                <a href={tableHref(base, { ...state, doctor: a.doctor.id, cursor: undefined })}>{a.doctor.name}</a>
                <span class="muted small"> · {a.doctor.specialty}</span>
              </td>
              <td data-label="Type">{typeLabel(a.type)}</td>
              <td data-label="Status">
                <StatusBadge status={a.status} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <TablePager base={base} state={state} nextCursor={nextCursor} />
    </section>
  )
}
