import { AuthCard, Field, FormMessage, HiddenInput, type FormState } from '../components/form'

export function ForgotPasswordPage({ state, sent }: { state?: FormState; sent?: boolean }) {
  return (
    <AuthCard title="Reset your password">
      {sent ? (
        <div class="notice" role="status">
          If an account uses that address, we have sent it a link to choose a new password. The link
          works once, for 30 minutes.
        </div>
      ) : (
        <form id="forgot-form" method="post" action="/forgot-password" novalidate>
          <FormMessage state={state} />
          <Field name="email" label="Email" type="email" autocomplete="email" required state={state} />
          <button type="submit">Email me a link</button>
        </form>
      )}
      <p>
        <a href="/login">Back to sign in</a>
      </p>
    </AuthCard>
  )
}

export function ResetPasswordPage({ state, token, done }: { state?: FormState; token?: string; done?: boolean }) {
  return (
    <AuthCard title="Choose a new password">
      {done ? (
        <div class="notice" role="status">
          Your password has been changed and every device has been signed out. <a href="/login">Sign in</a> with
          your new password.
        </div>
      ) : (
        <form id="reset-form" method="post" action="/reset-password" novalidate>
          <FormMessage state={state} />
          <HiddenInput name="token" value={token ?? state?.values?.token} />
          <Field name="password" label="New password" type="password" autocomplete="new-password" hint="At least 8 characters." required state={state} />
          <button type="submit">Change password</button>
        </form>
      )}
    </AuthCard>
  )
}

export function VerifyEmailPage({ ok }: { ok: boolean }) {
  return (
    <AuthCard title={ok ? 'Email confirmed' : 'This link has expired'}>
      <p role="status">
        {ok
          ? 'Thank you: your email address is confirmed.'
          : 'The link is not valid any more. Links work once and expire after two days; sign in to get a new one.'}
      </p>
      <p>
        <a class="button" href="/">
          Continue
        </a>
      </p>
    </AuthCard>
  )
}
