import { CLINIC_LIMITS } from '../../src/features/clinics/schemas'
import { DataTable } from '../components/data-table'
import { Field, FormMessage, Notices, type FormState } from '../components/form'

export type ClinicRow = { id: string; name: string; address: string | null; phone: string | null; email: string | null; doctor_count: number; admin_count: number }

function ClinicFields({ state }: { state?: FormState }) {
  return (
    <>
      <Field name="name" label="Name" required maxlength={CLINIC_LIMITS.name} state={state} />
      <Field name="address" label="Address (optional)" maxlength={CLINIC_LIMITS.address} state={state} />
      <Field name="phone" label="Phone (optional)" type="tel" maxlength={CLINIC_LIMITS.phone} state={state} />
      <Field name="email" label="Contact email (optional)" type="email" maxlength={CLINIC_LIMITS.email} state={state} />
    </>
  )
}

// The clinics: each has doctors (set on a doctor's page) and clinic admins (set when inviting
// them or changing their sub-role). Super admins add and edit; a clinic admin sees their own.
export function ClinicsPage({ items, canEdit, state, notice }: { items: ClinicRow[]; canEdit: boolean; state?: FormState; notice?: string }) {
  return (
    <section aria-labelledby="clinics-title">
      <h1 id="clinics-title">Clinics</h1>
      <Notices notice={notice} />
      {items.length === 0 ? (
        <p class="empty">No clinics yet.</p>
      ) : (
        <DataTable
          caption="Clinics"
          head={
            <>
              <th scope="col">Name</th>
              <th scope="col">Address</th>
              <th scope="col">Contact</th>
              <th scope="col">Doctors</th>
              <th scope="col">Admins</th>
            </>
          }
        >
          {items.map((c) => (
            <tr>
              <td>
                <a href={`/admin/clinics/${c.id}`}>{c.name}</a>
              </td>
              <td data-label="Address">{c.address ?? '—'}</td>
              <td data-label="Contact">{[c.phone, c.email].filter(Boolean).join(' · ') || '—'}</td>
              <td data-label="Doctors">{c.doctor_count}</td>
              <td data-label="Admins">{c.admin_count}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canEdit ? (
        <form method="post" action="/admin/clinics" class="stack narrow" novalidate>
          <h2>Add a clinic</h2>
          <FormMessage state={state} />
          <ClinicFields state={state} />
          <button type="submit">Add the clinic</button>
        </form>
      ) : null}
    </section>
  )
}

export function ClinicPage({ clinic, doctors, canEdit, state, notice }: { clinic: ClinicRow; doctors: { id: string; name: string; status: string }[]; canEdit: boolean; state?: FormState; notice?: string }) {
  const values = state ?? { values: { name: clinic.name, address: clinic.address ?? '', phone: clinic.phone ?? '', email: clinic.email ?? '' } }
  return (
    <section aria-labelledby="clinic-title">
      <p>
        <a href="/admin/clinics">All clinics</a>
      </p>
      <h1 id="clinic-title">{clinic.name}</h1>
      <Notices notice={notice} />
      <dl class="facts">
        <dt>Address</dt>
        <dd>{clinic.address ?? '—'}</dd>
        <dt>Phone</dt>
        <dd>{clinic.phone ?? '—'}</dd>
        <dt>Email</dt>
        <dd>{clinic.email ?? '—'}</dd>
        <dt>Clinic admins</dt>
        <dd>{clinic.admin_count}</dd>
      </dl>
      <h2>Doctors</h2>
      {doctors.length === 0 ? (
        <p class="empty">No doctors yet: assign one on the doctor's page.</p>
      ) : (
        <ul>
          {doctors.map((d) => (
            <li>
              <a href={`/admin/doctors/${d.id}`}>{d.name}</a> <span class="muted small">({d.status === 'deactivated' ? 'suspended' : d.status})</span>
            </li>
          ))}
        </ul>
      )}
      {canEdit ? (
        <form method="post" action={`/admin/clinics/${clinic.id}`} class="stack narrow" novalidate>
          <h2>Edit the details</h2>
          <FormMessage state={state} />
          <ClinicFields state={values} />
          <button type="submit">Save</button>
        </form>
      ) : null}
    </section>
  )
}
