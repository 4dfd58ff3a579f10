import { Notices } from '../components/form'
type Channel = 'email' | 'push' | 'sms'

export type KindRow = { kind: string; label: string; essential: boolean; choosable: Channel[]; chosen: Record<Channel, boolean> }

export type PreferencesView = {
  kinds: KindRow[]
  // The verified number texts go to, if any; a number waiting for its code.
  smsNumber: string | null
  pendingNumber?: string | null
  pushAvailable: boolean
  vapidPublicKey?: string
  notice?: string
  error?: string
  phoneError?: string
  phoneValue?: string
}

const CHANNEL_NAMES: Record<Channel, string> = { email: 'Email', push: 'Push', sms: 'Text message' }

function ChannelCell({ row, channel, smsNumber }: { row: KindRow; channel: Channel; smsNumber: string | null }) {
  const label = `${CHANNEL_NAMES[channel]} for ${row.label.toLowerCase()}`
  if (!row.choosable.includes(channel)) return <td>{channel === 'email' && row.essential ? 'Always' : <span aria-label={`${label}: not offered`}>—</span>}</td>
  const disabled = channel === 'sms' && !smsNumber && !row.chosen.sms
  return (
    <td>
      <input type="checkbox" name={`${row.kind}.${channel}`} value="on" checked={row.chosen[channel]} disabled={disabled} aria-label={label} />
    </td>
  )
}

// Which channels tell the person of what: in-app always; email, push and text messages by kind.
export function PreferencesPage(view: PreferencesView) {
  return (
    <section aria-labelledby="preferences-title">
      <h1 id="preferences-title">How you are told</h1>
      <Notices notice={view.notice} error={view.error} />
      <p class="lead">Everything shows under Notifications. Choose where else each kind reaches you. What changes a booking is always emailed.</p>
      <form method="post" action="/settings/notifications">
        <div class="table-wrap" tabindex={0} role="region" aria-label="Channels for each kind of notification (scrolls sideways)">
          <table>
            <caption class="visually-hidden">Channels for each kind of notification</caption>
            <thead>
              <tr>
                <th scope="col">What</th>
                <th scope="col">Email</th>
                <th scope="col">Push</th>
                <th scope="col">Text message</th>
              </tr>
            </thead>
            <tbody>
              {view.kinds.map((row) => (
                <tr>
                  <th scope="row">{row.label}</th>
                  <ChannelCell row={row} channel="email" smsNumber={view.smsNumber} />
                  <ChannelCell row={row} channel="push" smsNumber={view.smsNumber} />
                  <ChannelCell row={row} channel="sms" smsNumber={view.smsNumber} />
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <button type="submit">Save choices</button>
      </form>

      <section aria-labelledby="push-title">
        <h2 id="push-title">Push on this device</h2>
        {view.pushAvailable ? (
          <div id="push-device" data-vapid-key={view.vapidPublicKey}>
            <p class="muted" data-push-status>
              Push needs JavaScript and a browser that supports it.
            </p>
            <button type="button" class="secondary" data-push-toggle hidden>
              Turn on push on this device
            </button>
          </div>
        ) : (
          <p class="muted">Push notifications are not set up on this server.</p>
        )}
      </section>

      <section aria-labelledby="sms-title">
        <h2 id="sms-title">Text messages</h2>
        {view.smsNumber ? <p>Texts go to {view.smsNumber}.</p> : <p class="muted">Reminders and urgent changes can come by text message once you confirm a number.</p>}
        {view.pendingNumber ? (
          <form method="post" action="/settings/notifications/phone/confirm" class="stack">
            <label for="sms-code">The 6-digit code we texted to {view.pendingNumber}</label>
            <input id="sms-code" name="code" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9]{6}" maxlength={6} required aria-invalid={view.phoneError ? 'true' : undefined} aria-describedby={view.phoneError ? 'phone-error' : undefined} />
            {view.phoneError ? (
              <p id="phone-error" class="field-error">
                {view.phoneError}
              </p>
            ) : null}
            <button type="submit">Confirm the number</button>
          </form>
        ) : (
          <form method="post" action="/settings/notifications/phone" class="stack">
            <label for="sms-phone">Mobile number, with country code</label>
            <input id="sms-phone" name="phone" type="tel" autocomplete="tel" placeholder="+44 7700 900123" value={view.phoneValue} required aria-invalid={view.phoneError ? 'true' : undefined} aria-describedby={view.phoneError ? 'phone-error' : undefined} />
            {view.phoneError ? (
              <p id="phone-error" class="field-error">
                {view.phoneError}
              </p>
            ) : null}
            <button type="submit" class="secondary">
              Text me a code
            </button>
          </form>
        )}
      </section>
    </section>
  )
}
