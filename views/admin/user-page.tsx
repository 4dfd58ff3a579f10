import { ReasonForm } from '../components/reason-form'
import { Notices } from '../components/form'
import { formatDateTime } from '../../src/lib/format'
import { roleLabel, type AdminUserItem } from './users-page'

export type AdminUserDetail = {
  user: AdminUserItem & { phone: string | null }
  sessions: { id: string; user_agent: string | null; ip: string | null; created_at: string; last_seen_at: string }[]
  sign_ins: { action: string; ip: string | null; user_agent: string | null; at: string }[]
  appointment_counts: Record<string, number>
}

// One person's account, as an admin sees it: no medical data, only the account and its use.
export function UserPage({ detail, clinics, timezone, canChangeStatus, notice, error, errorFor }: { detail: AdminUserDetail; clinics: { id: string; name: string }[]; timezone: string; canChangeStatus: boolean; notice?: string; error?: string; errorFor?: string }) {
  // canChangeStatus: the viewer is a super admin looking at someone else.
  const { user } = detail
  const base = `/admin/users/${user.id}`
  const counts = Object.entries(detail.appointment_counts)
  return (
    <section aria-labelledby="user-title">
      <p>
        <a href="/admin/users">All users</a>
      </p>
      <h1 id="user-title">{user.name}</h1>
      <Notices notice={notice} error={error && !errorFor ? error : undefined} />
      <dl class="facts">
        <dt>Email</dt>
        <dd>
          {user.email} {user.email_verified ? '(confirmed)' : '(not confirmed)'}
        </dd>
        <dt>Phone</dt>
        <dd>{user.phone ?? '—'}</dd>
        <dt>Role</dt>
        <dd>{roleLabel(user)}</dd>
        <dt>Status</dt>
        <dd>{user.status === 'active' ? 'Active' : <strong>Deactivated</strong>}</dd>
        <dt>Joined</dt>
        <dd>{formatDateTime(new Date(user.created_at), timezone)}</dd>
        <dt>Appointments</dt>
        <dd>{counts.length ? counts.map(([status, n]) => `${n} ${status.replace('_', ' ')}`).join(', ') : 'None'}</dd>
      </dl>

      <h2>Signed in on</h2>
      {detail.sessions.length === 0 ? (
        <p class="muted">No live sessions.</p>
      ) : (
        <ul class="plain-list">
          {detail.sessions.map((s) => (
            <li class="card">
              {s.user_agent ?? 'Unknown device'} · {s.ip ?? 'unknown address'} · last active {formatDateTime(new Date(s.last_seen_at), timezone)}
            </li>
          ))}
        </ul>
      )}

      <h2>Recent sign-ins</h2>
      {detail.sign_ins.length === 0 ? (
        <p class="muted">None recorded.</p>
      ) : (
        <ul class="plain-list">
          {detail.sign_ins.map((s) => (
            <li>
              {formatDateTime(new Date(s.at), timezone)} · {s.action === 'auth.login.succeeded' ? 'signed in' : 'failed sign-in'} · {s.ip ?? 'unknown address'}
            </li>
          ))}
        </ul>
      )}

      <h2>Help this person</h2>
      <ReasonForm action={`${base}/sign-out`} label="Sign out everywhere" error={errorFor === 'sign-out' ? error : undefined} />
      {user.email_verified ? null : (
        <form method="post" action={`${base}/resend-verification`}>
          <button type="submit" class="secondary">
            Send a new confirmation link
          </button>
        </form>
      )}
      {canChangeStatus ? (
        <>
          <h2>Second step of sign-in</h2>
          <p class="muted">If they lost their authenticator app and recovery codes: they are emailed, and sign in with their password or a passkey until they set up a new one.</p>
          <ReasonForm action={`${base}/reset-second-factor`} label="Remove their authenticator app" error={errorFor === 'reset-second-factor' ? error : undefined} />
        </>
      ) : null}
      {canChangeStatus && user.role === 'admin' ? (
        <>
          <h2>What this admin may do</h2>
          <form method="post" action={`${base}/admin-role`} class="stack">
            <label for="admin-role">Sub-role</label>
            <select id="admin-role" name="admin_role">
              {(['support', 'clinic', 'super'] as const).map((r) => (
                <option value={r} selected={user.admin_role === r}>
                  {r}
                </option>
              ))}
            </select>
            <label for="admin-clinic">Clinic (for a clinic admin)</label>
            <select id="admin-clinic" name="clinic_id">
              <option value="">No clinic</option>
              {clinics.map((c) => (
                <option value={c.id} selected={user.clinic_id === c.id}>
                  {c.name}
                </option>
              ))}
            </select>
            <label for="reason-admin-role">Why? (kept in the audit log)</label>
            <input id="reason-admin-role" name="reason" required minlength={3} maxlength={1000} />
            <button type="submit" class="secondary">
              Change the sub-role
            </button>
          </form>
        </>
      ) : null}
      {canChangeStatus ? (
        user.status === 'active' ? (
          <>
            <h2>Deactivate</h2>
            <p class="muted">They can no longer sign in, and every page and app they have open is signed out at once.</p>
            <ReasonForm action={`${base}/deactivate`} label="Deactivate this account" danger error={errorFor === 'deactivate' ? error : undefined} />
          </>
        ) : (
          <>
            <h2>Reactivate</h2>
            <ReasonForm action={`${base}/reactivate`} label="Reactivate this account" error={errorFor === 'reactivate' ? error : undefined} />
          </>
        )
      ) : null}
    </section>
  )
}
