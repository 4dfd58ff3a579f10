import { raw } from 'hono/html'
import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { TOTP_DIGITS } from '../../src/lib/totp'
import { describeDevice } from '../../src/lib/user-agent'
import { formatDateTime } from '../../src/lib/format'
import { FormMessage, type FormState } from '../components/form'

type PasskeyRow = { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }
type SessionRow = { id: string; userAgent: string | null; ip: string | null; lastSeenAt: Date; current: boolean }

export type SecurityPageProps = {
  passkeys: PasskeyRow[]
  sessions: SessionRow[]
  totpEnabled: boolean
  // During TOTP set-up: the secret, and its QR code drawn server-side as SVG.
  totpSetup?: { secret: string; qrSvg: string }
  recoveryCodes?: string[]
  state?: FormState
  notice?: string
  // The reader's zone: every time on the page is in it, and named.
  timezone: string
}

const when = (d: Date | null, timezone: string) => (d ? `${formatDateTime(d, timezone)} (${timezone.replace(/_/g, ' ')})` : 'never')

export function SecurityPage(props: SecurityPageProps) {
  return (
    <section aria-labelledby="security-title">
      <h1 id="security-title">Sign-in and security</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <FormMessage state={props.state} />
      <PasskeysSection passkeys={props.passkeys} timezone={props.timezone} />
      <TotpSection {...props} />
      <SessionsSection sessions={props.sessions} timezone={props.timezone} />
    </section>
  )
}

function PasskeysSection({ passkeys, timezone }: { passkeys: PasskeyRow[]; timezone: string }) {
  return (
    <section id="passkeys" aria-labelledby="passkeys-title">
      <h2 id="passkeys-title">Passkeys</h2>
      <p>Sign in with your fingerprint, face or screen lock instead of a password.</p>
      {passkeys.length === 0 ? <p class="muted">You have no passkeys yet.</p> : null}
      <ul class="plain-list" role="list">
        {passkeys.map((p) => (
          <li class="card">
            <strong>{p.name}</strong>
            <p class="muted">
              Added {when(p.createdAt, timezone)} · last used {when(p.lastUsedAt, timezone)}
            </p>
            <form method="post" action={`/account/security/passkeys/${p.id}/rename`} class="row-form">
              <label for={`rename-${p.id}`}>New name for {p.name}</label>
              <input id={`rename-${p.id}`} name="name" maxlength={ACCOUNT_LIMITS.passkeyName} required value={p.name} />
              <button type="submit" class="secondary">
                Rename
              </button>
            </form>
            <form method="post" action={`/account/security/passkeys/${p.id}/remove`}>
              <button type="submit" class="button secondary">
                Remove {p.name}
              </button>
            </form>
          </li>
        ))}
      </ul>
      <div data-passkey-register hidden>
        <label for="passkey-name">Name for the new passkey (optional)</label>
        <input id="passkey-name" maxlength={ACCOUNT_LIMITS.passkeyName} data-passkey-name placeholder="e.g. My phone" />
        <button type="button" class="button">
          Add a passkey
        </button>
        <p class="field-error" role="alert" data-passkey-error></p>
      </div>
      <noscript>
        <p class="muted">Adding a passkey needs JavaScript; your other settings work without it.</p>
      </noscript>
    </section>
  )
}

function TotpSection({ totpEnabled, totpSetup, recoveryCodes }: SecurityPageProps) {
  return (
    <section id="totp" aria-labelledby="totp-title">
      <h2 id="totp-title">Two-step sign-in with an authenticator app</h2>
      {recoveryCodes ? (
        <div class="notice" role="status">
          <p>
            Two-step sign-in is on. Keep these recovery codes somewhere safe: each one signs you in once
            if you lose your phone. They are shown only now.
          </p>
          <ul class="codes" aria-label="Recovery codes">
            {recoveryCodes.map((code) => (
              <li>
                <code>{code}</code>
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {totpEnabled ? (
        <form method="post" action="/account/security/totp/disable">
          <p>Two-step sign-in is on. To turn it off, enter a current code.</p>
          <label for="totp-disable-code">Code from your app</label>
          <input id="totp-disable-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength={ACCOUNT_LIMITS.code} required />
          <button type="submit" class="secondary">
            Turn off two-step sign-in
          </button>
        </form>
      ) : totpSetup ? (
        <form method="post" action="/account/security/totp/enable">
          <p>Scan this code with your authenticator app, or type the key below into it.</p>
          <div class="qr">{raw(totpSetup.qrSvg)}</div>
          <p>
            Key: <code class="secret">{totpSetup.secret}</code>
          </p>
          <label for="totp-enable-code">The six-digit code your app shows now</label>
          <input id="totp-enable-code" name="code" inputmode="numeric" autocomplete="one-time-code" maxlength={TOTP_DIGITS} required />
          <button type="submit">Turn on two-step sign-in</button>
        </form>
      ) : (
        <form method="post" action="/account/security/totp/setup">
          <p>Add a code from an app on your phone to your password sign-in.</p>
          <button type="submit" class="button secondary">
            Set up an authenticator app
          </button>
        </form>
      )}
    </section>
  )
}

function SessionsSection({ sessions, timezone }: { sessions: SessionRow[]; timezone: string }) {
  return (
    <section id="sessions" aria-labelledby="sessions-title">
      <h2 id="sessions-title">Where you are signed in</h2>
      <ul class="plain-list" role="list">
        {sessions.map((s) => (
          <li class="card">
            <strong>{describeDevice(s.userAgent)}</strong>
            {s.current ? ' (this device)' : ''}
            <p class="muted">
              Last active {when(s.lastSeenAt, timezone)}
              {s.ip ? ` · ${s.ip}` : ''}
            </p>
            {s.current ? null : (
              <form method="post" action={`/account/security/sessions/${s.id}/revoke`}>
                <button type="submit" class="button secondary">
                  Sign out this device
                </button>
              </form>
            )}
          </li>
        ))}
      </ul>
      {sessions.length > 1 ? (
        <form method="post" action="/account/security/sessions/revoke-others">
          <button type="submit" class="button secondary">
            Sign out all other devices
          </button>
        </form>
      ) : null}
    </section>
  )
}
