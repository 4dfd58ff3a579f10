import type { ApiRequest } from '../../src/features/consultation-requests/present'
import { CONSULTATION_LABELS, formatDateTime, formatTime } from '../../src/lib/format'
import { Notices } from '../components/form'

const STATUS: Record<string, string> = { open: 'Waiting for the doctor', proposed: 'A time is proposed', booked: 'Booked', declined: 'Declined', withdrawn: 'Withdrawn' }

// A patient's consultation requests: a proposed time is confirmed (booked) here.
export function RequestsPage({ items, timezone, notice, error }: { items: ApiRequest[]; timezone: string; notice?: string; error?: string }) {
  return (
    <section aria-labelledby="requests-title">
      <h1 id="requests-title">Your consultation requests</h1>
      <Notices notice={notice} error={error} />
      {items.length === 0 ? (
        <p>
          No requests. On a doctor’s page, <strong>ask for a consultation</strong> when no time suits you. <a href="/doctors">Find a doctor</a>
        </p>
      ) : null}
      <ul class="plain-list" role="list">
        {items.map((r) => (
          <li class="card">
            <h2>{r.doctor.name}</h2>
            <p class="muted">
              {CONSULTATION_LABELS[r.type]} · {STATUS[r.status]} · asked {formatDateTime(new Date(r.created_at), timezone)}
            </p>
            <p class="prose">{r.problem}</p>
            {r.decline_reason ? <p>Reason: {r.decline_reason}</p> : null}
            {r.proposal ? (
              <div class="notice" role="status">
                <p>
                  <strong>
                    Proposed: <time datetime={r.proposal.start}>{formatDateTime(new Date(r.proposal.start), timezone)}</time>
                  </strong>{' '}
                  ({timezone.replace(/_/g, ' ')}), held for you until {formatDateTime(new Date(r.proposal.expires_at), timezone)}.
                </p>
                <form method="post" action={`/requests/${r.id}/confirm`} class="inline-form">
                  <button type="submit">Confirm this time</button>
                </form>
              </div>
            ) : null}
            {r.appointment_id ? <a href={`/appointments/${r.appointment_id}`}>See the appointment</a> : null}
            {r.status === 'open' || r.status === 'proposed' ? (
              <form method="post" action={`/requests/${r.id}/withdraw`} class="inline-form">
                <button type="submit" class="secondary">
                  Withdraw the request
                </button>
              </form>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  )
}

// The doctor's requests to answer: propose one of their free times, or decline with a reason.
export function RequestInboxPage({ items, freeTimes, timezone, notice, error }: { items: ApiRequest[]; freeTimes: { start: Date }[]; timezone: string; notice?: string; error?: string }) {
  return (
    <section aria-labelledby="inbox-title">
      <h1 id="inbox-title">Consultation requests</h1>
      <Notices notice={notice} error={error} />
      {items.length === 0 ? <p>No requests are waiting for a time.</p> : null}
      <ul class="plain-list" role="list">
        {items.map((r) => (
          <li class="card">
            <h2>{r.patient.name}</h2>
            <p class="muted">
              {CONSULTATION_LABELS[r.type]} · asked {formatDateTime(new Date(r.created_at), timezone)} · suits them: {r.preferred_times}
            </p>
            <p class="prose">{r.problem}</p>
            {r.proposal ? (
              <p>
                You proposed {formatDateTime(new Date(r.proposal.start), timezone)}; held for them until {formatTime(new Date(r.proposal.expires_at), timezone)}.
              </p>
            ) : null}
            {freeTimes.length ? (
              <form method="post" action={`/doctor/requests/${r.id}/propose`} class="inline-form">
                <label for={`start-${r.id}`}>{r.proposal ? 'Propose another time' : 'Propose a time'}</label>{' '}
                <select id={`start-${r.id}`} name="start">
                  {freeTimes.map((t) => (
                    <option value={t.start.toISOString().replace('.000Z', 'Z')}>{formatDateTime(t.start, timezone)}</option>
                  ))}
                </select>{' '}
                <button type="submit">Propose</button>
              </form>
            ) : (
              <p class="muted">You have no free times in the next two weeks: add working hours to propose one.</p>
            )}
            <form method="post" action={`/doctor/requests/${r.id}/decline`} class="reason-form">
              <div class="field">
                <label for={`decline-${r.id}`}>Or decline, with a reason the patient will read</label>
                <input id={`decline-${r.id}`} name="reason" required minlength={3} maxlength={1000} />
              </div>
              <button type="submit" class="secondary">
                Decline
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  )
}
