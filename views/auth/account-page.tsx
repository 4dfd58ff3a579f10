import type { SessionUser } from '../../src/features/auth/session-user'

// The signed-in person's home for their account: who they are, what still needs doing, and
// where security settings live.
export function AccountPage({ user, welcome }: { user: SessionUser; welcome?: string }) {
  return (
    <section aria-labelledby="account-title">
      <h1 id="account-title">Your account</h1>
      {welcome ? (
        <div class="notice" role="status">
          Welcome to MediConnect, {user.name}. We have sent a link to {user.email} to confirm your address.
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
