import { TEXT_LIMITS } from '../../src/core/input'
import type { Action } from '../../src/features/appointments/state-machine'
import { formatDateTime, formatDay, formatTime } from '../../src/lib/format'
import { Notices } from '../components/form'
import { UploadForm } from '../documents/documents-page'
import { StatusBadge, typeLabel, type AppointmentItem } from './parts'

export type DetailPageProps = {
  appointment: AppointmentItem
  viewerRole: 'patient' | 'doctor' | 'admin'
  actions: Action[]
  blocked: Partial<Record<Action, string>>
  timezone: string
  notice?: string
  error?: string
}

const BUTTONS: Record<Exclude<Action, 'reschedule' | 'cancel' | 'reject'>, string> = {
  confirm: 'Accept request',
  complete: 'Mark as completed',
  no_show: 'Record as missed',
}

export function AppointmentDetailPage({ appointment: a, viewerRole, actions, blocked, timezone, notice, error }: DetailPageProps) {
  const start = new Date(a.start)
  const blockedReasons = Object.values(blocked)
  return (
    <section aria-labelledby="appt-title" class="narrow">
      <Notices notice={notice} error={error} clearDraft="booking-form" />
      {a.payment_due && viewerRole === 'patient' ? (
        <div class="notice warn" role="status">
          This time is held for you until {formatTime(new Date(a.payment_due.by), timezone)} while you pay. <a href={a.payment_due.checkout_url}>Pay now</a> to book it.
        </div>
      ) : null}
      <h1 id="appt-title">
        {viewerRole === 'doctor' ? a.patient.name : a.doctor.name}
      </h1>
      {a.urgent && viewerRole !== 'patient' ? (
        <p class="notice error" role="note">
          <strong>Urgent:</strong> the patient answered a red-flag question when booking. <a href={`/appointments/${a.id}/intake`}>Read the answers</a>
        </p>
      ) : null}
      <dl class="facts">
        <dt>When</dt>
        <dd>
          <time datetime={a.start}>{formatDateTime(start, timezone)}</time> – {formatTime(new Date(a.end), timezone)} ({timezone.replace(/_/g, ' ')})
        </dd>
        <dt>Status</dt>
        <dd>
          <StatusBadge status={a.status} viewerRole={viewerRole} held={Boolean(a.payment_due)} />
        </dd>
        <dt>Type</dt>
        <dd>{typeLabel(a.type)}</dd>
        {a.location ? (
          <>
            <dt>Where</dt>
            <dd>
              {a.location.address} · <a href={a.location.map_url} rel="noopener noreferrer">Map</a>
            </dd>
          </>
        ) : null}
        <dt>Doctor</dt>
        <dd>
          {a.doctor.name}, {a.doctor.specialty}
        </dd>
        <dt>Patient</dt>
        <dd>{a.patient.name}</dd>
        {a.reason !== null ? (
          <>
            <dt>Reason</dt>
            <dd>{a.reason}</dd>
          </>
        ) : null}
      </dl>
      <p>
        <a href={`/appointments/${a.id}/calendar.ics`}>Add to my calendar (.ics)</a>
        {a.has_intake && (viewerRole !== 'admin' || a.reason !== null) ? (
          <>
            {' · '}
            <a href={`/appointments/${a.id}/intake`}>Answers before the visit</a>
          </>
        ) : null}
      </p>
      {(viewerRole === 'patient' || viewerRole === 'doctor') && a.type === 'video' && a.status === 'confirmed' && Date.parse(a.end) > Date.now() ? (
        <p>
          <a class="button" href={`/appointments/${a.id}/call`}>
            Join video call
          </a>{' '}
          <span class="muted small">The call opens shortly before the start.</span>
        </p>
      ) : null}
      {viewerRole === 'patient' || viewerRole === 'doctor' ? (
        <form method="post" action={`/appointments/${a.id}/conversation`} class="inline-form">
          <button type="submit" class="secondary">
            Message {viewerRole === 'doctor' ? a.patient.name : a.doctor.name}
          </button>
        </form>
      ) : null}
      <VisitRecordLinks appointment={a} viewerRole={viewerRole} />
      {a.series_id && viewerRole !== 'admin' ? (
        <p>
          Part of a series of visits: <a href={`/series/${a.series_id}`}>see them all, or cancel the rest</a>
        </p>
      ) : null}
      <Continuity appointment={a} viewerRole={viewerRole} />
      {actions.length ? <h2>Change this appointment</h2> : null}
      <div class="actions">
        {(['confirm', 'complete', 'no_show'] as const).filter((x) => actions.includes(x) && !(x === 'no_show' && viewerRole === 'admin')).map((action) => (
          <form method="post" action={`/appointments/${a.id}/${action.replace('_', '-')}`} class="inline-form">
            <button type="submit">{BUTTONS[action]}</button>
          </form>
        ))}
        {actions.includes('reschedule') ? (
          <a class="button secondary" href={`/appointments/${a.id}/reschedule`}>
            Choose another time
          </a>
        ) : null}
      </div>
      {actions.includes('reject') ? <ReasonForm id={a.id} action="reject" label="Decline request" required /> : null}
      {/* An admin records a missed visit with a note on what happened. */}
      {actions.includes('no_show') && viewerRole === 'admin' ? <ReasonForm id={a.id} action="no-show" label="Record as missed" required /> : null}
      {/* A request the doctor has not answered is accepted or declined, not cancelled. */}
      {actions.includes('cancel') && !(viewerRole === 'doctor' && a.status === 'pending') ? <ReasonForm id={a.id} action="cancel" label="Cancel appointment" forPatient={viewerRole === 'admin'} /> : null}
      {blockedReasons.length ? (
        <div class="notice" role="note">
          {blockedReasons.map((r) => (
            <p>{r}</p>
          ))}
          <p>To change it now, please contact {a.doctor.name}’s clinic through MediConnect support, or call them directly.</p>
        </div>
      ) : null}
      <p>
        <a href="/appointments">All appointments</a>
      </p>
    </section>
  )
}

function ReasonForm({ id, action, label, required, forPatient }: { id: string; action: 'cancel' | 'reject' | 'no-show'; label: string; required?: boolean; forPatient?: boolean }) {
  return (
    <form method="post" action={`/appointments/${id}/${action}`} class="reason-form">
      <div class="field">
        <label for={`${action}-reason`}>{action === 'no-show' ? 'What happened (kept with the visit)' : required ? 'Reason (the patient will see it)' : 'Reason (optional)'}</label>
        <textarea id={`${action}-reason`} name="reason" rows={2} maxlength={TEXT_LIMITS.reason} required={required}></textarea>
      </div>
      {/* An admin cancelling for the patient: after the notice only the policy's share is refunded. */}
      {forPatient ? (
        <label class="checkbox">
          <input type="checkbox" name="for_patient" value="on" /> The patient asked to cancel (the late-cancellation refund policy applies)
        </label>
      ) : null}
      <button type="submit" class="secondary">
        {label}
      </button>
    </form>
  )
}

// What the visit left behind: notes (the patient's summary), and for the doctor the patient's record.
function VisitRecordLinks({ appointment: a, viewerRole }: Pick<DetailPageProps, 'appointment' | 'viewerRole'>) {
  if (a.status !== 'confirmed' && a.status !== 'completed') return null
  const links =
    viewerRole === 'patient'
      ? a.status === 'completed'
        ? [
            { href: `/appointments/${a.id}/notes`, label: 'Visit summary' },
            { href: '/record/visits', label: 'Your visits and prescriptions' },
          ]
        : []
      : [
          { href: `/appointments/${a.id}/notes`, label: 'Visit notes' },
          ...(viewerRole === 'doctor'
            ? [
                { href: `/appointments/${a.id}/prescriptions/new`, label: 'Write a prescription' },
                { href: `/doctor/patients/${a.patient.id}`, label: `${a.patient.name}’s record` },
              ]
            : []),
        ]
  if (links.length === 0) return null
  return (
    <>
      <h2>Visit record</h2>
      <ul class="plain-list">
        {links.map((l) => (
          <li>
            <a href={l.href}>{l.label}</a>
          </li>
        ))}
      </ul>
      {viewerRole === 'doctor' ? (
        <details>
          <summary>Attach a document to {a.patient.name}’s record</summary>
          <UploadForm action={`/appointments/${a.id}/documents`} apiAction={`/api/v1/appointments/${a.id}/documents`} done={`/appointments/${a.id}?attached=1`} />
        </details>
      ) : null}
    </>
  )
}

const REVIEW_WINDOW_MS = 60 * 86_400_000
const OVER = ['completed', 'cancelled', 'rejected', 'no_show']

// After (or around) the visit: a follow-up the doctor proposed, a review, booking again; for the
// doctor, proposing a follow-up or a series of visits.
function Continuity({ appointment: a, viewerRole }: Pick<DetailPageProps, 'appointment' | 'viewerRole'>) {
  const past = Date.parse(a.end) < Date.now()
  if (viewerRole === 'patient') {
    return (
      <>
        {a.follow_up_on && (a.status === 'confirmed' || a.status === 'completed') ? (
          <div class="notice" role="note">
            {a.doctor.name} suggests a follow-up visit around {formatDay(new Date(`${a.follow_up_on}T12:00:00Z`), 'UTC')}.{' '}
            <a href={`/doctors/${a.doctor.id}?from=${a.follow_up_on}`}>Choose a time</a>
          </div>
        ) : null}
        <div class="actions">
          {a.status === 'completed' && Date.parse(a.end) > Date.now() - REVIEW_WINDOW_MS ? (
            <a class="button secondary" href={`/appointments/${a.id}/review`}>
              Review this visit
            </a>
          ) : null}
          {past || OVER.includes(a.status) ? (
            <a class="button secondary" href={`/doctors/${a.doctor.id}`}>
              Book again
            </a>
          ) : null}
        </div>
      </>
    )
  }
  if (viewerRole !== 'doctor' || (a.status !== 'confirmed' && a.status !== 'completed')) return null
  return (
    <>
      <h2>Next visits</h2>
      {a.follow_up_on ? <p>You proposed a follow-up around {formatDay(new Date(`${a.follow_up_on}T12:00:00Z`), 'UTC')}.</p> : null}
      <form method="post" action={`/appointments/${a.id}/follow-up`} class="inline-form">
        <label for="follow-up-in">Propose a follow-up in</label> <input id="follow-up-in" name="in" type="number" min={1} max={365} required value="2" inputmode="numeric" />{' '}
        <label for="follow-up-unit" class="visually-hidden">
          Days or weeks
        </label>
        <select id="follow-up-unit" name="unit">
          <option value="weeks">weeks</option>
          <option value="days">days</option>
        </select>{' '}
        <button type="submit" class="secondary">
          Send the patient a link
        </button>
      </form>
      <p>
        <a href={`/doctor/series/new?patient=${a.patient.id}&type=${a.type}`}>Book a series of visits for {a.patient.name}</a> (weekly or every two weeks)
      </p>
    </>
  )
}
