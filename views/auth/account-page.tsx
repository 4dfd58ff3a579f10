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
export function AccountPage({ user, welcome, resent, message }: { user: AccountUser; welcome?: string; resent?: boolean; message?: string }) {
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
      {message ? (
        <div class="notice error" role="alert">
          {message}
        </div>
      ) : null}
      {user.role === 'doctor' && user.doctorStatus !== 'verified' ? (
        <div class="notice">
          {user.doctorStatus === 'pending'
            ? 'Your doctor application is waiting for verification. We will email you when it has been reviewed.'
            : 'Your doctor application was not approved. Please contact support if you think this is a mistake.'}
        </div>
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
    </section>
  )
}
