import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { DoctorDetailsFields } from '../components/doctor-fields'
import { AuthCard, Field, FormMessage, HiddenInput, type FormState } from '../components/form'

function AccountFields({ state }: { state?: FormState }) {
  return (
    <>
      <Field name="name" label="Full name" autocomplete="name" required maxlength={ACCOUNT_LIMITS.name} state={state} />
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

// `next`: where the new patient goes once the account exists (the booking they started).
export function RegisterPatientPage({ state, next }: { state?: FormState; next?: string }) {
  return (
    <AuthCard title="Create your account">
      {next?.includes('/book?') ? <p class="notice">Create your account, then confirm the time you chose.</p> : null}
      <form id="register-form" method="post" action="/register" data-keep-draft novalidate>
        <FormMessage state={state} />
        <HiddenInput name="next" value={next} />
        <AccountFields state={state} />
        <button type="submit">Create account</button>
      </form>
      <p>
        Already registered? <a href={next ? `/login?next=${encodeURIComponent(next)}` : '/login'}>Sign in</a>. A doctor? <a href="/register/doctor">Apply here</a>.
      </p>
    </AuthCard>
  )
}

export function RegisterDoctorPage({ state, specialties }: { state?: FormState; specialties: { id: string; name: string }[] }) {
  return (
    <AuthCard title="Apply as a doctor">
      <p>We check every licence before a doctor can be booked. You can sign in while we review it.</p>
      <form id="register-doctor-form" method="post" action="/register/doctor" data-keep-draft novalidate>
        <FormMessage state={state} />
        <AccountFields state={state} />
        <DoctorDetailsFields specialties={specialties} state={state} bioLabel="About you (optional)" />
        <button type="submit">Send application</button>
      </form>
    </AuthCard>
  )
}
