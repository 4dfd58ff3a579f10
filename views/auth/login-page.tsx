import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { AuthCard, Field, FormMessage, HiddenInput, type FormState } from '../components/form'

// Passkey first (one tap, no email needed), the password form always there and working with
// JavaScript off. The passkey button is shown by passkeys.js only where WebAuthn exists.
export function LoginPage({ state, next, askTotp }: { state?: FormState; next?: string; askTotp?: boolean }) {
  return (
    <AuthCard title="Sign in">
      {next?.includes('/book?') ? <p class="notice">Sign in, or create an account, to book this time. We keep the time you chose.</p> : null}
      <div id="passkey-login" class="passkey-login" data-passkey-login data-next={next ?? '/home'} hidden>
        <button type="button" class="button">
          Sign in with a passkey
        </button>
        <p class="field-error" role="alert" data-passkey-error></p>
        <p class="divider">or with your email and password</p>
      </div>
      <form id="login-form" method="post" action="/login" novalidate>
        <FormMessage state={state} />
        <HiddenInput name="next" value={next} />
        <Field name="email" label="Email" type="email" autocomplete="username webauthn" required state={state} />
        <Field name="password" label="Password" type="password" autocomplete="current-password" required state={state} />
        {askTotp ? (
          <Field
            name="totp"
            label="Code from your authenticator app"
            hint="Six digits, or one of your recovery codes."
            autocomplete="one-time-code"
            inputmode="numeric"
            maxlength={ACCOUNT_LIMITS.code}
            state={state}
          />
        ) : null}
        <button type="submit">Sign in</button>
      </form>
      <p>
        <a href="/forgot-password">Forgot your password?</a>
      </p>
      <p>
        New here? <a href={next ? `/register?next=${encodeURIComponent(next)}` : '/register'}>Create a patient account</a> or{' '}
        <a href="/register/doctor">apply as a doctor</a>.
      </p>
    </AuthCard>
  )
}
