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

// Also the page an invited doctor lands on to choose a first password (same token flow, other words).
export function ResetPasswordPage({ state, token, done, invited }: { state?: FormState; token?: string; done?: boolean; invited?: boolean }) {
  return (
    <AuthCard title={resetPasswordTitle(invited)}>
      {done ? (
        <div class="notice" role="status">
          {invited ? 'Your password is set. ' : 'Your password has been changed and every device has been signed out. '}
          <a href="/login">Sign in</a> with your new password.
        </div>
      ) : (
        <form id="reset-form" method="post" action={invited ? '/reset-password?invited=1' : '/reset-password'} novalidate>
          <FormMessage state={state} />
          <HiddenInput name="token" value={token ?? state?.values?.token} />
          <Field name="password" label={invited ? 'Password' : 'New password'} type="password" autocomplete="new-password" hint="At least 8 characters." required state={state} />
          <button type="submit">{invited ? 'Set password' : 'Change password'}</button>
        </form>
      )}
    </AuthCard>
  )
}

export const resetPasswordTitle = (invited?: boolean) => (invited ? 'Choose your password' : 'Choose a new password')

export function VerifyEmailPage({ ok, changed }: { ok: boolean; changed?: boolean }) {
  return (
    <AuthCard title={ok ? 'Email confirmed' : 'This link has expired'}>
      <p role="status">
        {changed
          ? 'Thank you: this is now the email address of your account.'
          : ok
            ? 'Thank you: your email address is confirmed.'
            : 'The link is not valid any more. Links work once and expire; sign in to get a new one.'}
      </p>
      <p>
        <a class="button" href="/">
          Continue
        </a>
      </p>
    </AuthCard>
  )
}
