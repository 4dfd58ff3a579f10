import { formatDateTime, formatTime } from '../../src/lib/format'
import { StatusBadge, typeLabel, type AppointmentItem } from '../appointments/parts'

export type DashboardProps = { name: string; today: AppointmentItem[]; pending: AppointmentItem[]; outcomeNeeded: AppointmentItem[]; weekCount: number; waiting: number; timezone: string }

export function DashboardPage({ name, today, pending, outcomeNeeded, weekCount, waiting, timezone }: DashboardProps) {
  return (
    <>
      <h1>Good day, {name}</h1>
      {/* Refreshed in place when a notification arrives (a new request, a cancellation). */}
      <div id="practice-live" hx-get="/doctor" hx-select="#practice-live" hx-trigger="mc:notifications from:body" hx-swap="outerHTML">
        <ul class="counts plain-list" role="list">
          <li class="card">
            <strong>{today.length}</strong> today
          </li>
          <li class="card">
            <strong>{pending.length}</strong> waiting for you
          </li>
          <li class="card">
            <strong>{weekCount}</strong> in the next 7 days
          </li>
          <li class="card">
            <strong>{waiting}</strong> on your waitlist
          </li>
        </ul>
        <nav aria-label="Practice" class="tabs">
          <a href="/doctor/calendar">Calendar</a>
          <a href="/doctor/availability">Working hours</a>
          <a href="/doctor/time-off">Time off</a>
          <a href="/doctor/requests">Consultation requests</a>
          <a href="/doctor/reviews">Reviews</a>
          <a href="/doctor/profile">Profile</a>
        </nav>
        <section aria-labelledby="pending-title">
          <h2 id="pending-title">Requests waiting for you</h2>
          {pending.length === 0 ? <p class="muted">No requests are waiting.</p> : null}
          <ul class="plain-list" role="list">
            {pending.map((a) => (
              <li class="card">
                <h3>
                  <a href={`/appointments/${a.id}`}>{a.patient.name}</a>
                  {a.urgent ? <> <span class="badge badge-urgent">Urgent</span></> : null}
                </h3>
                <p>
                  <time datetime={a.start}>{formatDateTime(new Date(a.start), timezone)}</time> · {typeLabel(a.type)}
                </p>
                {a.reason ? <p class="muted">{a.reason}</p> : null}
                <form method="post" action={`/appointments/${a.id}/confirm`} class="inline-form">
                  <button type="submit">Accept</button>
                </form>{' '}
                <a href={`/appointments/${a.id}`}>Decline or see more</a>
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="today-title">
          <h2 id="today-title">Today</h2>
          <DayList items={today} timezone={timezone} empty="Nothing booked today." />
        </section>
      </div>
      {outcomeNeeded.length ? (
        <section aria-labelledby="outcome-title">
          <h2 id="outcome-title">Outcome needed</h2>
          <p class="muted">These visits ended over a day ago. Record each as completed or missed from its page.</p>
          <ul class="plain-list" role="list">
            {outcomeNeeded.map((a) => (
              <li>
                <a href={`/appointments/${a.id}`}>{a.patient.name}</a> · <time datetime={a.start}>{formatDateTime(new Date(a.start), timezone)}</time> · {typeLabel(a.type)}
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </>
  )
}

export function DayList({ items, timezone, empty }: { items: AppointmentItem[]; timezone: string; empty: string }) {
  if (items.length === 0) return <p class="muted">{empty}</p>
  return (
    <ol class="plain-list agenda" role="list">
      {items.map((a) => (
        <li>
          <time datetime={a.start}>{formatTime(new Date(a.start), timezone)}</time>{' '}
          <a href={`/appointments/${a.id}`}>{a.patient.name}</a> · {typeLabel(a.type)} · <StatusBadge status={a.status} />
        </li>
      ))}
    </ol>
  )
}
