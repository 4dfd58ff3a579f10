import { TEXT_LIMITS } from '../../src/core/input'
import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { DoctorDetailsFields } from '../components/doctor-fields'
import { Field, FormMessage, Notices, type FormState } from '../components/form'
import { formatDateTime } from '../../src/lib/format'

export type Applicant = { id: string; name: string; email: string; license_number: string; specialty: string; status: string; status_reason: string | null; bio: string | null; applied_at: string }

const TABS = ['pending', 'verified', 'rejected'] as const

export function AdminDoctorsPage({ items, status, notice, error }: { items: Applicant[]; status: string; notice?: string; error?: string }) {
  return (
    <>
      <h1>Doctors</h1>
      <Notices notice={notice} error={error} />
      <p>
        <a class="button" href="/admin/doctors/new">
          Add a doctor
        </a>
      </p>
      <nav aria-label="Doctor status" class="tabs">
        {TABS.map((t) => (
          <a href={`/admin/doctors?status=${t}`} aria-current={t === status ? 'page' : undefined}>
            {t[0]!.toUpperCase() + t.slice(1)}
          </a>
        ))}
      </nav>
      {items.length === 0 ? <p class="muted">No doctors here.</p> : null}
      <div class="table-wrap" tabindex={0} role="region" aria-label="Doctors (scrolls sideways)">
        <table>
          <caption class="visually-hidden">Doctors with status {status}</caption>
          <thead>
            <tr>
              <th scope="col">Doctor</th>
              <th scope="col">Licence</th>
              <th scope="col">Specialty</th>
              <th scope="col">Applied</th>
              <th scope="col">Decision</th>
            </tr>
          </thead>
          <tbody>
            {items.map((d) => (
              <tr>
                <th scope="row">
                  {d.name}
                  <br />
                  <span class="muted small">{d.email}</span>
                </th>
                <td>{d.license_number}</td>
                <td>{d.specialty}</td>
                <td>{formatDateTime(new Date(d.applied_at), 'UTC')} UTC</td>
                <td>
                  {d.status !== 'verified' ? (
                    <form method="post" action={`/admin/doctors/${d.id}/verify`} class="inline-form">
                      <button type="submit">Verify {d.name}</button>
                    </form>
                  ) : null}
                  {d.status === 'pending' ? (
                    <form method="post" action={`/admin/doctors/${d.id}/reject`} class="reason-form">
                      <label for={`reason-${d.id}`}>Reason for rejecting {d.name}</label>
                      <input id={`reason-${d.id}`} name="reason" required minlength={3} maxlength={TEXT_LIMITS.reason} />
                      <button type="submit" class="secondary">
                        Reject
                      </button>
                    </form>
                  ) : null}
                  {d.status_reason ? <p class="muted small">{d.status_reason}</p> : null}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </>
  )
}

// For a doctor the clinic has already checked: the account is verified at once and the doctor is
// emailed a link to choose a password.
export function NewDoctorPage({ state, specialties }: { state?: FormState; specialties: { id: string; name: string }[] }) {
  return (
    <section aria-labelledby="new-doctor-title" class="narrow">
      <h1 id="new-doctor-title">Add a doctor</h1>
      <p>Use this for a doctor whose licence you have already checked. The account is verified at once, and the doctor is emailed a link to choose a password (it works for 7 days).</p>
      <form id="new-doctor-form" method="post" action="/admin/doctors" data-keep-draft novalidate>
        <FormMessage state={state} />
        <Field name="name" label="Full name" autocomplete="off" required maxlength={ACCOUNT_LIMITS.name} state={state} />
        <Field name="email" label="Email" type="email" autocomplete="off" required state={state} />
        <Field name="phone" label="Phone (optional)" type="tel" autocomplete="off" state={state} />
        <DoctorDetailsFields specialties={specialties} state={state} bioLabel="Bio (optional)" />
        <button type="submit">Create and invite</button>
      </form>
      <p>
        <a href="/admin/doctors">Back to doctors</a>
      </p>
    </section>
  )
}
