import { AuthCard, Field, FormMessage, type FormState } from '../components/form'

function AccountFields({ state }: { state?: FormState }) {
  return (
    <>
      <Field name="name" label="Full name" autocomplete="name" required maxlength={100} state={state} />
      <Field name="email" label="Email" type="email" autocomplete="email" required state={state} />
      <Field name="phone" label="Phone (optional)" type="tel" autocomplete="tel" state={state} />
      <Field
        name="password"
        label="Password"
        type="password"
        autocomplete="new-password"
        hint="At least 8 characters. A passphrase of a few words is easy to remember and hard to guess."
        required
        state={state}
      />
    </>
  )
}

export function RegisterPatientPage({ state }: { state?: FormState }) {
  return (
    <AuthCard title="Create your account">
      <form id="register-form" method="post" action="/register" data-keep-draft novalidate>
        <FormMessage state={state} />
        <AccountFields state={state} />
        <button type="submit">Create account</button>
      </form>
      <p>
        Already registered? <a href="/login">Sign in</a>. A doctor? <a href="/register/doctor">Apply here</a>.
      </p>
    </AuthCard>
  )
}

export function RegisterDoctorPage({ state, specialties }: { state?: FormState; specialties: { id: string; name: string }[] }) {
  const error = state?.errors?.specialty_id
  const bioError = state?.errors?.bio
  return (
    <AuthCard title="Apply as a doctor">
      <p>We check every licence before a doctor can be booked. You can sign in while we review it.</p>
      <form id="register-doctor-form" method="post" action="/register/doctor" data-keep-draft novalidate>
        <FormMessage state={state} />
        <AccountFields state={state} />
        <Field name="license_number" label="Licence number" required maxlength={40} state={state} />
        <div class="field">
          <label for="field-specialty_id">Specialty</label>
          <select id="field-specialty_id" name="specialty_id" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'field-specialty_id-error' : undefined}>
            <option value="">Choose a specialty</option>
            {specialties.map((s) => (
              <option value={s.id} selected={state?.values?.specialty_id === s.id}>
                {s.name}
              </option>
            ))}
          </select>
          {error ? (
            <p id="field-specialty_id-error" class="field-error">
              {error}
            </p>
          ) : null}
        </div>
        <div class="field">
          <label for="field-bio">About you (optional)</label>
          <textarea id="field-bio" name="bio" rows={4} maxlength={2000} aria-invalid={bioError ? 'true' : undefined}>
            {state?.values?.bio ?? ''}
          </textarea>
          {bioError ? <p class="field-error">{bioError}</p> : null}
        </div>
        <button type="submit">Send application</button>
      </form>
    </AuthCard>
  )
}
