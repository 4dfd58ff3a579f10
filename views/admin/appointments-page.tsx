import { Notices } from '../components/form'
import { formatDateTime } from '../../src/lib/format'
import { StatusBadge, typeLabel, type AppointmentItem } from '../appointments/parts'
import { DataTable, TableFilters, FilterInput, FilterSelect, SortHeader, TablePager, tableHref, type TableState } from '../components/data-table'

// Every appointment on the platform, for admins: find by patient, doctor or id, filter, export.
export function AdminAppointmentsPage({ items, state, nextCursor, timezone, specialties, clinics, error }: { items: AppointmentItem[]; state: TableState; nextCursor: string | null; timezone: string; specialties: { id: string; name: string }[]; clinics: { id: string; name: string }[]; error?: string }) {
  const base = '/admin/appointments'
  return (
    <section id="table-page" aria-labelledby="appointments-title">
      <h1 id="appointments-title">Appointments</h1>
      <Notices error={error} />
      <TableFilters base={base} label="Find appointments" exportHref={tableHref('/api/v1/admin/appointments.csv', { ...state, cursor: undefined })}>
        <FilterInput name="q" label="Patient, doctor or appointment id" type="search" value={state.q} />
        <FilterSelect name="status" label="Status" value={state.status} options={[['', 'Any'], ['pending', 'Waiting'], ['confirmed', 'Confirmed'], ['completed', 'Completed'], ['cancelled', 'Cancelled'], ['rejected', 'Declined'], ['no_show', 'Missed']]} />
        <FilterSelect name="type" label="Type" value={state.type} options={[['', 'Any'], ['video', 'Video call'], ['chat', 'Chat'], ['in_person', 'In person']]} />
        <FilterSelect name="specialty" label="Specialty" value={state.specialty} options={[['', 'Any'], ...specialties.map((s): [string, string] => [s.id, s.name])]} />
        {clinics.length ? <FilterSelect name="clinic" label="Clinic" value={state.clinic} options={[['', 'Any'], ...clinics.map((c): [string, string] => [c.id, c.name])]} /> : null}
        <FilterInput name="from" label="Starting from" type="date" value={state.from} />
        <FilterInput name="to" label="Starting until" type="date" value={state.to} />
        <FilterSelect name="sort" label="Sort by" value={state.sort} options={[['start', 'Start'], ['created', 'Booked']]} />
        <FilterSelect name="dir" label="Order" value={state.dir} options={[['desc', 'Latest first'], ['asc', 'Earliest first']]} />
        {state.doctor ? <input type="hidden" name="doctor" value={state.doctor} /> : null}
      </TableFilters>
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
                <StatusBadge status={a.status} held={Boolean(a.payment_due)} />
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <TablePager base={base} state={state} nextCursor={nextCursor} />
    </section>
  )
}
