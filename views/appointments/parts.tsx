import { CONSULTATION_LABELS, formatDateTime } from '../../src/lib/format'

export type AppointmentItem = {
  id: string
  patient: { id: string; name: string }
  doctor: { id: string; name: string; specialty: string }
  start: string
  end: string
  type: string
  // A red flag in the booking questionnaire.
  urgent?: boolean
  series_id?: string | null
  follow_up_on?: string | null
  has_intake?: boolean
  location?: { address: string; map_url: string } | null
  reason: string | null
  status: string
  // Held while the patient pays (a doctor who charges up front).
  payment_due?: { by: string; checkout_url: string } | null
}

export const STATUS_LABELS: Record<string, string> = {
  pending: 'Requested: waiting for the doctor',
  confirmed: 'Confirmed',
  rejected: 'Declined',
  cancelled: 'Cancelled',
  completed: 'Completed',
  no_show: 'Missed',
}

// One word for a request everywhere: "requested". The doctor reads that it waits for them.
// A hold (a doctor who charges up front) reads as what it is: the time kept while the patient pays.
export function StatusBadge({ status, viewerRole, held }: { status: string; viewerRole?: string; held?: boolean }) {
  const label = held && status === 'pending' ? 'Held while paying' : status === 'pending' && viewerRole === 'doctor' ? 'Requested: waiting for you' : (STATUS_LABELS[status] ?? status)
  return <span class={`badge badge-${status}`}>{label}</span>
}

export function typeLabel(type: string) {
  return CONSULTATION_LABELS[type as keyof typeof CONSULTATION_LABELS] ?? type
}

// One appointment in a list, named for the person on the other side. Its heading sits one level
// below the list's own (h2 under a page's h1, h3 under a section's h2).
export function AppointmentCard({ a, viewerRole, timezone, level = 3 }: { a: AppointmentItem; viewerRole: string; timezone: string; level?: 2 | 3 }) {
  const other = viewerRole === 'doctor' ? a.patient.name : `${a.doctor.name}, ${a.doctor.specialty}`
  const Heading = level === 2 ? 'h2' : 'h3'
  return (
    <li class="card">
      <Heading>
        <a href={`/appointments/${a.id}`}>
          <time datetime={a.start}>{formatDateTime(new Date(a.start), timezone)}</time>
        </a>
      </Heading>
      <p>
        {other} · {typeLabel(a.type)} · <StatusBadge status={a.status} viewerRole={viewerRole} held={Boolean(a.payment_due)} />
      </p>
    </li>
  )
}
