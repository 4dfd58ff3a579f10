import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { localDate } from '../../lib/format'
import { daysWindow, toIsoInstant } from '../../lib/time'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { adminDashboard } from './service'

export const adminDashboardApi = new Hono<AppEnv>()

// The dashboard's figures; "today" is the day in `tz` (default UTC).
adminDashboardApi.get('/admin/dashboard', requireRole('admin:super', 'admin:clinic'), async (c) => {
  const { timezone } = viewerTimeZone(c, 'UTC')
  const today = daysWindow(localDate(c.var.ctx.now, timezone), 1, timezone)
  const d = await adminDashboard(c.var.ctx, { todayFrom: today.from, todayTo: today.to })
  return c.json({
    people: d.people,
    doctors_waiting: d.doctorsWaiting,
    licences_lapsing: d.licencesLapsing,
    appointments: d.appointments,
    bookings_per_day: d.bookingsPerDay,
    no_show_rate: d.noShowRate,
    cancellation_rate: d.cancellationRate,
    median_lead_ms: d.medianLeadMs,
    revenue_30_days: d.revenue.map((r) => ({ currency: r.currency, net_cents: r.netCents })),
    recent_activity: d.activity.map((a) => ({ action: a.action, actor_name: a.actorName, entity_type: a.entityType, entity_id: a.entityId, at: toIsoInstant(a.createdAt) })),
  })
})
