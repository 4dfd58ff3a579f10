import { formatDateTime } from '../../src/lib/format'
import { TimeZonePicker } from '../components/slot-picker'
import { AppointmentCard, type AppointmentItem } from './parts'

export type CalendarFeedState = { on: boolean; since?: Date; lastFetched?: Date; newUrl?: string }

export function AppointmentListPage(props: { items: AppointmentItem[]; scope: 'upcoming' | 'past'; viewerRole: string; timezone: string; feed: CalendarFeedState; notice?: string }) {
  const { items, scope, viewerRole, timezone } = props
  return (
    <>
      <h1>Appointments</h1>
      {props.notice ? (
        <div class="notice" role="status">
          {props.notice}
        </div>
      ) : null}
      <nav aria-label="Which appointments" class="tabs">
        <a href="/appointments" aria-current={scope === 'upcoming' ? 'page' : undefined}>
          Upcoming
        </a>
        <a href="/appointments?scope=past" aria-current={scope === 'past' ? 'page' : undefined}>
          Past
        </a>
        {viewerRole === 'patient' ? (
          <>
            <a href="/waitlist">Waitlists</a>
            <a href="/requests">Requests</a>
          </>
        ) : null}
      </nav>
      {items.length === 0 ? (
        <p class="empty">
          {scope === 'upcoming' ? 'Nothing booked yet. ' : 'No past appointments. '}
          {viewerRole === 'patient' ? <a href="/doctors">Find a doctor</a> : null}
        </p>
      ) : (
        <ul class="plain-list" role="list">
          {items.map((a) => (
            <AppointmentCard a={a} viewerRole={viewerRole} timezone={timezone} level={2} />
          ))}
        </ul>
      )}
      <TimeZonePicker timezone={timezone} action="/appointments" keep={{ scope: scope === 'past' ? 'past' : undefined }} />
      <CalendarFeed feed={props.feed} timezone={timezone} />
    </>
  )
}

// A private address calendar apps (Google, Apple, Outlook) subscribe to, so appointments appear
// there and follow every change. The address is shown once, when made; a new one replaces it.
function CalendarFeed({ feed, timezone }: { feed: CalendarFeedState; timezone: string }) {
  return (
    <section aria-labelledby="feed-title" class="card">
      <h2 id="feed-title">In your calendar app</h2>
      {feed.newUrl ? (
        <div class="notice" role="status">
          <p>
            Your private calendar address. Copy it now and add it to your calendar app as a subscription (“From URL” or “Subscribe to
            calendar”); it will not be shown again.
          </p>
          <label for="feed-url">Calendar address</label>
          <input id="feed-url" type="text" readonly value={feed.newUrl} />
        </div>
      ) : null}
      <p>
        Your appointments, kept up to date in your calendar app. It shows who and when, never why. Anyone with the address can
        see them, so keep it to yourself; you can replace it or turn it off here.
      </p>
      {feed.on ? (
        <p class="muted">
          On since {formatDateTime(feed.since!, timezone)}
          {feed.lastFetched ? `; last read by a calendar app ${formatDateTime(feed.lastFetched, timezone)}` : '; not read by a calendar app yet'}.
        </p>
      ) : null}
      <div class="actions">
        <form method="post" action="/appointments/calendar-feed" class="inline-form">
          <button type="submit" class={feed.on ? 'secondary' : undefined}>
            {feed.on ? 'Replace the address' : 'Get a calendar address'}
          </button>
        </form>
        {feed.on ? (
          <form method="post" action="/appointments/calendar-feed/delete" class="inline-form">
            <button type="submit" class="secondary">
              Turn the feed off
            </button>
          </form>
        ) : null}
      </div>
    </section>
  )
}
