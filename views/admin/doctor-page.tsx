import type { ApiAdminDoctor, ApiDoctorDocument } from '../../src/features/doctor-admin/present'
import { KIND_LABELS } from '../../src/features/doctor-admin/schemas'
import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { TEXT_LIMITS } from '../../src/core/input'
import { formatDateTime } from '../../src/lib/format'
import { SpecialtySelect } from '../components/doctor-fields'
import { Field, FormMessage, Notices, SelectField, type FormState } from '../components/form'
import { ReasonForm } from '../components/reason-form'
import { DOCTOR_STATUS_LABELS, LicenceWarning } from './doctor-table-page'
import { DecisionForms } from './doctors-page'

export type DoctorDetailView = {
  doctor: ApiAdminDoctor
  documents: ApiDoctorDocument[]
  upcoming: { id: string; start: string; type: string; status: string; patient_name: string }[]
  appointmentCounts: Record<string, number>
}

type Choice = { id: string; name: string }

const kb = (bytes: number) => `${Math.max(1, Math.round(bytes / 1024))} KB`

// One doctor, as an admin runs them: the profile and its edit form, the application documents,
// suspension with the appointments it leaves open, and the licence's expiry.
export function DoctorPage(props: { view: DoctorDetailView; specialties: Choice[]; clinics: Choice[]; canMoveClinic: boolean; timezone: string; state?: FormState; notice?: string; error?: string; errorFor?: string }) {
  const { doctor, documents, upcoming, appointmentCounts } = props.view
  const base = `/admin/doctors/${doctor.id}`
  const values = props.state ?? {
    values: {
      name: doctor.name,
      license_number: doctor.license_number,
      license_expires_on: doctor.license_expires_on ?? '',
      specialty_id: doctor.specialty_id,
      city: doctor.city ?? '',
      practice_address: doctor.practice_address ?? '',
      bio: doctor.bio ?? '',
      clinic_id: doctor.clinic?.id ?? '',
    },
  }
  const errorFor = (name: string) => (props.errorFor === name ? props.error : undefined)
  return (
    <section aria-labelledby="doctor-title">
      <p>
        <a href="/admin/doctors?status=all">All doctors</a>
      </p>
      <h1 id="doctor-title">{doctor.name}</h1>
      <Notices notice={props.notice} error={props.errorFor ? undefined : props.error} />
      {doctor.licence_warning ? (
        <div class="notice warn" role="status">
          <LicenceWarning warning={doctor.licence_warning} expiresOn={doctor.license_expires_on} />. Ask for the renewed licence and record its new end date below.
        </div>
      ) : null}
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          {DOCTOR_STATUS_LABELS[doctor.status] ?? doctor.status}
          {doctor.status_reason ? <span class="muted"> — {doctor.status_reason}</span> : null}
        </dd>
        <dt>Email</dt>
        <dd>{doctor.email}</dd>
        <dt>Licence</dt>
        <dd>
          {doctor.license_number}
          {doctor.license_expires_on ? <span class="muted"> (valid until {doctor.license_expires_on})</span> : <span class="muted"> (no end date recorded)</span>}
        </dd>
        <dt>Specialty</dt>
        <dd>{doctor.specialty}</dd>
        <dt>Clinic</dt>
        <dd>{doctor.clinic ? <a href={`/admin/clinics/${doctor.clinic.id}`}>{doctor.clinic.name}</a> : 'Independent'}</dd>
        <dt>Applied</dt>
        <dd>{formatDateTime(new Date(doctor.applied_at), props.timezone)}</dd>
        <dt>Appointments</dt>
        <dd>
          {Object.entries(appointmentCounts).map(([status, n]) => `${n} ${status.replace('_', ' ')}`).join(', ') || 'None yet'} — <a href={`/admin/appointments?doctor=${doctor.id}`}>all of them</a>
        </dd>
        <dt>Account</dt>
        <dd>
          <a href={`/admin/users/${doctor.user_id}`}>Sessions and sign-ins</a>
        </dd>
      </dl>
      {doctor.status === 'pending' || doctor.status === 'rejected' ? (
        <>
          <h2>Application</h2>
          <DecisionForms doctor={doctor} />
        </>
      ) : null}

      <h2>Application documents</h2>
      {documents.length === 0 ? (
        <p class="empty">The doctor has not uploaded any documents.</p>
      ) : (
        <ul class="plain-list stack">
          {documents.map((d) => (
            <li class="card">
              <a href={`${base}/documents/${d.id}`}>{d.title}</a> <span class="muted small">({KIND_LABELS[d.kind as keyof typeof KIND_LABELS] ?? d.kind}, {kb(d.size_bytes)}, uploaded {formatDateTime(new Date(d.uploaded_at), props.timezone)})</span>
              <br />
              {d.reviewed_at ? (
                <span class="small">
                  Checked by {d.reviewed_by ?? 'an admin'} on {formatDateTime(new Date(d.reviewed_at), props.timezone)}
                </span>
              ) : (
                <form method="post" action={`${base}/documents/${d.id}/reviewed`} class="inline-form">
                  <button type="submit" class="secondary">
                    Mark as checked<span class="visually-hidden"> {d.title}</span>
                  </button>
                </form>
              )}
            </li>
          ))}
        </ul>
      )}

      {doctor.status === 'verified' ? (
        <>
          <h2>Suspend</h2>
          <p class="muted">Patients can no longer find or book {doctor.name}, who can no longer practise here, until reinstated. Their booked visits stay until you cancel them.</p>
          <ReasonForm action={`${base}/suspend`} label={`Suspend ${doctor.name}`} danger error={errorFor('suspend')} />
        </>
      ) : null}
      {doctor.status === 'deactivated' ? (
        <>
          <h2>Reinstate</h2>
          <ReasonForm action={`${base}/reinstate`} label={`Reinstate ${doctor.name}`} error={errorFor('reinstate')} />
        </>
      ) : null}

      <h2>Upcoming appointments</h2>
      {upcoming.length === 0 ? (
        <p class="empty">None.</p>
      ) : (
        <>
          <ul>
            {upcoming.map((a) => (
              <li>
                <a href={`/appointments/${a.id}`}>
                  <time datetime={a.start}>{formatDateTime(new Date(a.start), props.timezone)}</time> — {a.patient_name}
                </a>{' '}
                <span class="muted small">
                  ({a.type.replace('_', ' ')}, {a.status})
                </span>
              </li>
            ))}
          </ul>
          {doctor.status === 'deactivated' ? (
            <>
              <p>Keep them, or cancel them all: each patient is told, with your reason, and offered to book again.</p>
              <ReasonForm action={`${base}/cancel-upcoming`} label={`Cancel all ${upcoming.length}`} danger error={errorFor('cancel-upcoming')} />
            </>
          ) : null}
        </>
      )}

      <h2>Edit the profile</h2>
      <form method="post" action={base} class="stack narrow" novalidate>
        <FormMessage state={props.state} />
        <Field name="name" label="Full name" required maxlength={ACCOUNT_LIMITS.name} state={values} />
        <Field name="license_number" label="Licence number" required maxlength={ACCOUNT_LIMITS.licenseNumber} state={values} />
        <Field name="license_expires_on" label="Licence valid until (optional)" type="date" state={values} hint="We warn 30 days before it lapses." />
        <SpecialtySelect specialties={props.specialties} state={values} />
        {props.canMoveClinic ? <SelectField name="clinic_id" label="Clinic" blank="Independent (no clinic)" options={props.clinics.map((c) => [c.id, c.name] as const)} state={values} /> : null}
        <Field name="city" label="City (optional)" maxlength={80} state={values} />
        <Field name="practice_address" label="Practice address (optional)" maxlength={200} state={values} />
        <div class="field">
          <label for="field-bio">Bio (optional)</label>
          <textarea id="field-bio" name="bio" rows={4} maxlength={ACCOUNT_LIMITS.bio}>
            {values.values?.bio ?? ''}
          </textarea>
        </div>
        <Field name="reason" label="Why? (kept in the audit log)" required maxlength={TEXT_LIMITS.reason} state={props.state} />
        <button type="submit">Save the profile</button>
      </form>
    </section>
  )
}
