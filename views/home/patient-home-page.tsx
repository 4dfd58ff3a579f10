import { formatDateTime, formatTime } from '../../src/lib/format'
import { AppointmentCard, StatusBadge, typeLabel, type AppointmentItem } from '../appointments/parts'

export type PatientHomeProps = {
  name: string
  // Upcoming appointments (requested or confirmed), soonest first; the first is the next one.
  upcoming: AppointmentItem[]
  unreadMessages: number
  timezone: string
}

// Where a patient lands after signing in: the next appointment first, then the ways on.
export function PatientHomePage({ name, upcoming, unreadMessages, timezone }: PatientHomeProps) {
  const [next, ...later] = upcoming
  return (
    <>
      <h1>Hello, {name}</h1>
      <section aria-labelledby="next-title" class="card next-appointment">
        <h2 id="next-title">Your next appointment</h2>
        {next ? (
          <>
            <p class="lead">
              <a href={`/appointments/${next.id}`}>
                <time datetime={next.start}>{formatDateTime(new Date(next.start), timezone)}</time> – {formatTime(new Date(next.end), timezone)}
              </a>{' '}
              <span class="muted">({timezone.replace(/_/g, ' ')})</span>
            </p>
            <p>
              {next.doctor.name}, {next.doctor.specialty} · {typeLabel(next.type)} · <StatusBadge status={next.status} />
            </p>
            <p class="actions">
              <a class="button" href={`/appointments/${next.id}`}>
                See the appointment
              </a>
              {next.type === 'video' && next.status === 'confirmed' ? (
                <a class="button secondary" href={`/appointments/${next.id}/call`}>
                  Video call
                </a>
              ) : null}
            </p>
          </>
        ) : (
          <p>
            Nothing booked. <a href="/doctors">Find a doctor</a> and pick a time that suits you.
          </p>
        )}
      </section>
      {later.length ? (
        <section aria-labelledby="later-title">
          <h2 id="later-title">Also coming up</h2>
          <ul class="plain-list" role="list">
            {later.map((a) => (
              <AppointmentCard a={a} viewerRole="patient" timezone={timezone} />
            ))}
          </ul>
          <p>
            <a href="/appointments">All appointments</a>
          </p>
        </section>
      ) : null}
      <nav aria-labelledby="shortcuts-title">
        <h2 id="shortcuts-title">Shortcuts</h2>
        <ul class="grid" role="list">
          <li class="card">
            <a href="/doctors">Find a doctor and book</a>
          </li>
          <li class="card">
            <a href="/conversations">Messages{unreadMessages ? ` (${unreadMessages} unread)` : ''}</a>
          </li>
          <li class="card">
            <a href="/record">My record: history, documents, prescriptions</a>
          </li>
          <li class="card">
            <a href="/account">Account and security</a>
          </li>
        </ul>
      </nav>
    </>
  )
}
