import { TimeZonePicker } from '../components/slot-picker'
import { AppointmentCard, type AppointmentItem } from './parts'

export function AppointmentListPage({ items, scope, viewerRole, timezone }: { items: AppointmentItem[]; scope: 'upcoming' | 'past'; viewerRole: string; timezone: string }) {
  return (
    <>
      <h1>Appointments</h1>
      <nav aria-label="Which appointments" class="tabs">
        <a href="/appointments" aria-current={scope === 'upcoming' ? 'page' : undefined}>
          Upcoming
        </a>
        <a href="/appointments?scope=past" aria-current={scope === 'past' ? 'page' : undefined}>
          Past
        </a>
      </nav>
      {items.length === 0 ? (
        <p>
          {scope === 'upcoming' ? 'Nothing booked yet. ' : 'No past appointments. '}
          {viewerRole === 'patient' ? <a href="/doctors">Find a doctor</a> : null}
        </p>
      ) : (
        <ul class="plain-list" role="list">
          {items.map((a) => (
            <AppointmentCard a={a} viewerRole={viewerRole} timezone={timezone} />
          ))}
        </ul>
      )}
      <TimeZonePicker timezone={timezone} action="/appointments" keep={{ scope: scope === 'past' ? 'past' : undefined }} />
    </>
  )
}
