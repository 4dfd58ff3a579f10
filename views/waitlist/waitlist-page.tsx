import type { ApiWaitlistEntry } from '../../src/features/waitlist/present'
import { CONSULTATION_LABELS, formatDateTime, formatTime } from '../../src/lib/format'
import { Notices } from '../components/form'
import { TIME_OF_DAY_LABELS, WEEKDAY_NAMES } from './join-page'

const describeDays = (e: ApiWaitlistEntry) =>
  [
    `${e.from} to ${e.to}`,
    e.weekdays.length ? e.weekdays.map((d) => WEEKDAY_NAMES[d - 1]).join(', ') : 'any day',
    e.times_of_day.length ? e.times_of_day.map((t) => TIME_OF_DAY_LABELS[t as keyof typeof TIME_OF_DAY_LABELS].toLowerCase()).join(', ') : 'any time',
  ].join(' · ')

// A patient's waitlists, each with the time held for it (a button books it) and a way to leave.
export function WaitlistPage({ entries, notice, error }: { entries: ApiWaitlistEntry[]; notice?: string; error?: string }) {
  return (
    <section aria-labelledby="waitlist-title">
      <h1 id="waitlist-title">Your waitlists</h1>
      <Notices notice={notice} error={error} />
      {entries.length === 0 ? (
        <p>
          You are not waiting for any doctor. On a doctor’s page, <strong>Wait for a time</strong> puts you on their waitlist. <a href="/doctors">Find a doctor</a>
        </p>
      ) : (
        <ul class="cards">
          {entries.map((e) => (
            <li class="card">
              <h2>{e.doctor.name}</h2>
              <p class="muted">
                {e.doctor.specialty} · {CONSULTATION_LABELS[e.type]}
              </p>
              <p>{describeDays(e)}</p>
              {e.offer ? (
                <div class="notice" role="status">
                  <p>
                    <strong>
                      Held for you: <time datetime={e.offer.start}>{formatDateTime(new Date(e.offer.start), e.timezone)}</time>
                    </strong>{' '}
                    until {formatTime(new Date(e.offer.expires_at), e.timezone)} ({e.timezone.replace(/_/g, ' ')}).
                  </p>
                  <form method="post" action={`/waitlist/offers/${e.offer.id}/accept`}>
                    <button type="submit">Book this time</button>
                  </form>
                </div>
              ) : (
                <p class="muted">Waiting: we will send you a link as soon as a time that suits you frees up.</p>
              )}
              <form method="post" action={`/waitlist/${e.id}/leave`}>
                <button type="submit" class="secondary">
                  Leave this waitlist
                </button>
              </form>
            </li>
          ))}
        </ul>
      )}
    </section>
  )
}
