import type { ApiAdminDoctor } from '../../src/features/doctor-admin/present'
import { formatDateTime } from '../../src/lib/format'
import { DataTable, TableFilters, FilterInput, FilterSelect, SortHeader, TablePager, tableHref, type TableState } from '../components/data-table'
import { Notices } from '../components/form'
import { DecisionForms } from './doctors-page'

export const DOCTOR_STATUS_LABELS: Record<string, string> = { pending: 'Waiting for verification', verified: 'Verified', rejected: 'Rejected', deactivated: 'Suspended' }

/** The licence warning, in words (colour is never the only sign). */
export function LicenceWarning({ warning, expiresOn }: { warning: ApiAdminDoctor['licence_warning']; expiresOn: string | null }) {
  if (!warning) return null
  return <strong class="warning-text">{warning === 'expired' ? `Licence lapsed on ${expiresOn}` : `Licence lapses on ${expiresOn}`}</strong>
}

type Choice = { id: string; name: string }

// The doctors table: the verification queue by default (oldest first), every doctor on demand;
// find by name, email or licence; filter by status, specialty, clinic and licence expiry.
export function DoctorTablePage(props: { items: ApiAdminDoctor[]; state: TableState; nextCursor: string | null; specialties: Choice[]; clinics: Choice[]; timezone: string; notice?: string; error?: string }) {
  const { items, state } = props
  const base = '/admin/doctors'
  return (
    <section id="table-page" aria-labelledby="doctors-title">
      <h1 id="doctors-title">Doctors</h1>
      <Notices notice={props.notice} error={props.error} />
      <p>
        <a class="button" href="/admin/doctors/new">
          Add a doctor
        </a>
      </p>
      <TableFilters base={base} label="Find doctors" exportHref={tableHref('/api/v1/admin/doctors.csv', { ...state, cursor: undefined })}>
        <FilterInput name="q" label="Name, email or licence" type="search" value={state.q} />
        <FilterSelect name="status" label="Status" value={state.status} options={[['pending', 'Waiting for verification'], ['verified', 'Verified'], ['deactivated', 'Suspended'], ['rejected', 'Rejected'], ['all', 'Any']]} />
        <FilterSelect name="specialty" label="Specialty" value={state.specialty} options={[['', 'Any'], ...props.specialties.map((s): [string, string] => [s.id, s.name])]} />
        {props.clinics.length > 1 ? <FilterSelect name="clinic" label="Clinic" value={state.clinic} options={[['', 'Any'], ...props.clinics.map((c): [string, string] => [c.id, c.name])]} /> : null}
        <FilterSelect name="licence" label="Licence" value={state.licence} options={[['', 'Any'], ['expiring', 'Lapses within 30 days'], ['expired', 'Lapsed']]} />
        <FilterSelect name="sort" label="Sort by" value={state.sort} options={[['applied', 'Applied'], ['name', 'Name']]} />
        <FilterSelect name="dir" label="Order" value={state.dir} options={[['asc', 'Oldest / A–Z first'], ['desc', 'Newest / Z–A first']]} />
      </TableFilters>
      {items.length === 0 ? (
        <p class="empty">No doctor matches these filters.</p>
      ) : (
        <DataTable
          caption="Doctors"
          head={
            <>
              <SortHeader label="Doctor" column="name" base={base} state={state} />
              <th scope="col">Licence</th>
              <th scope="col">Specialty</th>
              <th scope="col">Clinic</th>
              <th scope="col">Status</th>
              <SortHeader label="Applied" column="applied" base={base} state={state} />
            </>
          }
        >
          {items.map((d) => (
            <tr>
              <td>
                <a href={`/admin/doctors/${d.id}`}>{d.name}</a>
                <br />
                <span class="muted small">{d.email}</span>
              </td>
              <td data-label="Licence">
                {d.license_number}
                {d.licence_warning ? (
                  <>
                    <br />
                    <LicenceWarning warning={d.licence_warning} expiresOn={d.license_expires_on} />
                  </>
                ) : null}
              </td>
              <td data-label="Specialty">{d.specialty}</td>
              <td data-label="Clinic">{d.clinic?.name ?? '—'}</td>
              <td data-label="Status">
                {DOCTOR_STATUS_LABELS[d.status] ?? d.status}
                {d.status === 'pending' ? <DecisionForms doctor={d} /> : null}
                {d.status_reason ? <p class="muted small">{d.status_reason}</p> : null}
              </td>
              <td data-label="Applied">
                <time datetime={d.applied_at}>{formatDateTime(new Date(d.applied_at), props.timezone)}</time>
              </td>
            </tr>
          ))}
        </DataTable>
      )}
      <TablePager base={base} state={state} nextCursor={props.nextCursor} />
    </section>
  )
}
