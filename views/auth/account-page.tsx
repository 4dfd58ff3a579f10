import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { Field, FormMessage, type FormState } from '../components/form'

// Who is signed in, as the account page shows them.
type AccountUser = {
  name: string
  email: string
  role: 'patient' | 'doctor' | 'admin'
  adminRole: string | null
  emailVerifiedAt: Date | null
  doctorStatus: string | null
}

// The signed-in person's home for their account: who they are, what still needs doing, and
// where security settings live.
// The three things a person changes of their own account, each its own form (refused, a form
// comes back with what was typed, passwords aside).
export type AccountForms = { details?: FormState; email?: FormState; password?: FormState }

export function AccountPage({ user, phone, welcome, resent, message, notice, forms = {} }: { user: AccountUser; phone: string | null; welcome?: string; resent?: boolean; message?: string; notice?: string; forms?: AccountForms }) {
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      {welcome ? (
        <div class="notice" role="status">
          Welcome to MediConnect, {user.name}. We have sent a link to {user.email} to confirm your address.
        </div>
      ) : null}
      {resent ? (
        <div class="notice" role="status">
          We have sent a new confirmation link to {user.email}.
        </div>
      ) : null}
      {notice ? (
        <div class="notice" role="status">
          {notice}
        </div>
      ) : null}
      {message ? (
        <div class="notice error" role="alert">
          {message}
        </div>
      ) : null}
      {user.role === 'doctor' && user.doctorStatus !== 'verified' ? (
        <div class="notice">
          {user.doctorStatus === 'pending'
            ? 'Your doctor application is waiting for verification: upload your licence and certificates below so we can check them. We will email you when it has been reviewed.'
            : user.doctorStatus === 'deactivated'
              ? 'Your doctor profile is suspended: patients cannot find or book you. We emailed you why.'
              : 'Your doctor application was not approved. Please contact support if you think this is a mistake.'}
        </div>
      ) : null}
      {user.role === 'doctor' ? (
        <p>
          <a href="/doctor-application">Your licence and certificates</a>
        </p>
      ) : null}
      {user.role === 'patient' ? (
        <p>
          <a href="/payments">Your payments and receipts</a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>Name</dt>
        <dd>{user.name}</dd>
        <dt>Email</dt>
        <dd>
          {user.email} {user.emailVerifiedAt ? '(confirmed)' : '(not confirmed yet)'}
          {user.emailVerifiedAt ? null : (
            <form method="post" action="/account/verify-email/resend">
              <button type="submit" class="link-button">
                Send the confirmation link again
              </button>
            </form>
          )}
        </dd>
        <dt>Account type</dt>
        <dd>{user.role === 'admin' ? `Administrator (${user.adminRole})` : user.role === 'doctor' ? 'Doctor' : 'Patient'}</dd>
      </dl>
      <p>
        <a class="button secondary" href="/account/security">
          Sign-in and security
        </a>
      </p>
      <section aria-labelledby="details-title">
        <h2 id="details-title">Your details</h2>
        <form method="post" action="/account/details" id="account-details" novalidate>
          <FormMessage state={forms.details} />
          <Field name="name" label="Full name" autocomplete="name" required maxlength={ACCOUNT_LIMITS.name} state={forms.details ?? { values: { name: user.name, phone: phone ?? '' } }} />
          <Field name="phone" label="Phone (optional)" type="tel" autocomplete="tel" state={forms.details ?? { values: { name: user.name, phone: phone ?? '' } }} />
          <button type="submit">Save details</button>
        </form>
      </section>
      <section aria-labelledby="email-title">
        <h2 id="email-title">Change your email address</h2>
        <p class="hint">We send a link to the new address; it replaces {user.email} when you open it.</p>
        <form method="post" action="/account/email" id="account-email" novalidate>
          <FormMessage state={forms.email} />
          <Field name="email" label="New email address" type="email" autocomplete="email" required state={forms.email} />
          <Field name="password" label="Your current password" type="password" autocomplete="current-password" required state={forms.email && { ...forms.email, values: {} }} />
          <button type="submit">Send the link</button>
        </form>
      </section>
      <section aria-labelledby="password-title">
        <h2 id="password-title">Change your password</h2>
        <form method="post" action="/account/password" id="account-password" novalidate>
          <FormMessage state={forms.password && { ...forms.password, values: {} }} />
          <Field name="current_password" label="Current password" type="password" autocomplete="current-password" required state={forms.password && { ...forms.password, values: {} }} />
          <Field name="password" label="New password" type="password" autocomplete="new-password" hint="At least 8 characters. Every other device is signed out." required state={forms.password && { ...forms.password, values: {} }} />
          <button type="submit">Change password</button>
        </form>
      </section>
    </section>
  )
}
