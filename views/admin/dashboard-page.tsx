import { formatDateTime, formatMoney } from '../../src/lib/format'
import { BarChart } from '../components/bar-chart'

export type DashboardView = {
  people: { patients: number; doctors: number; admins: number }
  doctorsWaiting: number
  licencesLapsing: number
  appointments: Record<string, { today: number; week: number; month: number }>
  bookingsPerDay: { day: string; count: number }[]
  noShowRate: number | null
  cancellationRate: number | null
  medianLeadMs: number | null
  revenue: { currency: string; netCents: number }[]
  activity: { action: string; actorName: string | null; entityType: string | null; entityId: string | null; createdAt: Date }[]
}

const STATUSES = [
  ['pending', 'Waiting for the doctor'],
  ['confirmed', 'Confirmed'],
  ['completed', 'Completed'],
  ['cancelled', 'Cancelled'],
  ['rejected', 'Declined'],
  ['no_show', 'Missed'],
] as const

const percent = (rate: number | null) => (rate === null ? '—' : `${(rate * 100).toFixed(1)} %`)

function leadTime(ms: number | null) {
  if (ms === null) return '—'
  const hours = ms / 3_600_000
  return hours < 48 ? `${Math.round(hours)} hours` : `${Math.round(hours / 24)} days`
}

// The admin's overview. The counters refresh in place when the platform's admin channel says
// something changed (a request, an application), or once a minute without it.
export function AdminDashboardPage({ view, timezone }: { view: DashboardView; timezone: string }) {
  return (
    <section aria-labelledby="dashboard-title">
      <h1 id="dashboard-title">Dashboard</h1>
      <div id="admin-live" hx-get="/admin" hx-select="#admin-live" hx-trigger="mc:admin from:body" hx-swap="outerHTML" data-live-admin>
        <ul class="counts plain-list" role="list">
          <li class="card">
            <strong>{view.people.patients}</strong> patients
          </li>
          <li class="card">
            <strong>{view.people.doctors}</strong> doctors
          </li>
          <li class="card">
            <a href="/admin/doctors">
              <strong>{view.doctorsWaiting}</strong> doctors waiting for verification
            </a>
          </li>
          <li class="card">
            <strong>{view.people.admins}</strong> admins
          </li>
          {view.licencesLapsing ? (
            <li class="card warn">
              <a href="/admin/doctors?status=verified&licence=expiring">
                <strong>{view.licencesLapsing}</strong> licences lapse within 30 days
              </a>
            </li>
          ) : null}
        </ul>
        <div class="table-wrap" tabindex={0} role="region" aria-label="Appointments by status (scrolls sideways)">
          <table>
            <caption>Appointments by status</caption>
            <thead>
              <tr>
                <th scope="col">Status</th>
                <th scope="col">Today</th>
                <th scope="col">Last 7 days</th>
                <th scope="col">Last 30 days</th>
              </tr>
            </thead>
            <tbody>
              {STATUSES.map(([status, label]) => (
                <tr>
                  <th scope="row">{label}</th>
                  <td>{view.appointments[status]?.today ?? 0}</td>
                  <td>{view.appointments[status]?.week ?? 0}</td>
                  <td>{view.appointments[status]?.month ?? 0}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        <dl class="facts">
          <dt>No-show rate, last 30 days</dt>
          <dd>{percent(view.noShowRate)} of visits that took place or were missed</dd>
          <dt>Cancellation rate, last 30 days</dt>
          <dd>{percent(view.cancellationRate)} of appointments</dd>
          <dt>Median time from booking to visit</dt>
          <dd>{leadTime(view.medianLeadMs)}</dd>
          <dt>Revenue, last 30 days (net of refunds)</dt>
          <dd>{view.revenue.length ? view.revenue.map((r) => formatMoney(r.netCents, r.currency)).join(' · ') : '—'}</dd>
        </dl>
      </div>
      <BarChart id="bookings" title="Bookings made per day, last 30 days (UTC)" bars={view.bookingsPerDay.map((d) => ({ label: d.day, value: d.count }))} valueLabel="bookings" />
      <h2>Recent admin activity</h2>
      {view.activity.length === 0 ? (
        <p class="muted">None yet.</p>
      ) : (
        <ul class="plain-list">
          {view.activity.map((a) => (
            <li>
              {formatDateTime(a.createdAt, timezone)} · {a.actorName ?? 'MediConnect'} · <code>{a.action}</code>
              {a.entityType ? ` · ${a.entityType} ${a.entityId ?? ''}` : ''}
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href="/admin/audit">The whole audit log</a>
      </p>
    </section>
  )
}
