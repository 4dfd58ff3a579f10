import { TEXT_LIMITS } from '../../src/core/input'
import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { DoctorDetailsFields } from '../components/doctor-fields'
import { Field, FormMessage, Notices, type FormState } from '../components/form'

export type Applicant = { id: string; name: string; email: string; license_number: string; specialty: string; status: string; status_reason: string | null }

// The decisions on an application: verify (it asks once more) or reject with a reason.
export function DecisionForms({ doctor }: { doctor: Applicant }) {
  return (
    <>
      {doctor.status !== 'verified' && doctor.status !== 'deactivated' ? (
        <form method="post" action={`/admin/doctors/${doctor.id}/verify`} class="inline-form">
          <button type="submit">Verify {doctor.name}</button>
        </form>
      ) : null}
      {doctor.status === 'pending' ? (
        <form method="post" action={`/admin/doctors/${doctor.id}/reject`} class="reason-form">
          <label for={`reason-${doctor.id}`}>Reason for rejecting {doctor.name}</label>
          <input id={`reason-${doctor.id}`} name="reason" required minlength={3} maxlength={TEXT_LIMITS.reason} />
          <button type="submit" class="secondary">
            Reject
          </button>
        </form>
      ) : null}
    </>
  )
}

export function RejectPage({ doctor, error }: { doctor: Applicant; error: string }) {
  return (
    <section class="narrow" aria-labelledby="reject-title">
      <h1 id="reject-title">Reject {doctor.name}?</h1>
      <Notices error={error} />
      <DecisionForms doctor={doctor} />
      <p>
        <a href={`/admin/doctors/${doctor.id}`}>Back to the doctor</a>
      </p>
    </section>
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
