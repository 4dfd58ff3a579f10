import { isClinicAdmin } from '../../core/actor'
import { requireActor, type RequestContext } from '../../core/context'
import { ForbiddenError } from '../../lib/errors'
import { DAY_MS } from '../../lib/time'
import { dashboardStatements, type DashboardWindows } from './queries'

export type AppointmentCounts = Record<string, { today: number; week: number; month: number }>

/**
 * The admin dashboard in one round trip: people by role, doctors waiting, appointments by status
 * (today, the last 7 and 30 days), bookings per day, the no-show and cancellation rates and the
 * median lead time of the last 30 days, and recent admin activity.
 */
export async function adminDashboard(ctx: RequestContext, windows: Omit<DashboardWindows, 'now'>) {
  const actor = requireActor(ctx)
  if (!isClinicAdmin(actor)) throw new ForbiddenError()
  const now = ctx.now
  const [roles, [doctorCounts], byStatus, perDay, [lead], revenue, activity] = await ctx.db.batch(dashboardStatements(ctx.db, actor, { ...windows, now }))
  const counts: AppointmentCounts = Object.fromEntries(byStatus.map((r) => [r.status, { today: r.today, week: r.week, month: r.month }]))
  const month = (status: string) => counts[status]?.month ?? 0
  const monthTotal = byStatus.reduce((n, r) => n + r.month, 0)
  const attended = month('completed') + month('no_show')
  const perDayMap = new Map(perDay.map((d) => [d.day, d.count]))
  return {
    people: {
      patients: roles.filter((r) => r.role === 'patient').reduce((n, r) => n + r.count, 0),
      doctors: roles.filter((r) => r.role === 'doctor').reduce((n, r) => n + r.count, 0),
      admins: roles.filter((r) => r.role === 'admin').reduce((n, r) => n + r.count, 0),
    },
    doctorsWaiting: doctorCounts?.pending ?? 0,
    licencesLapsing: doctorCounts?.licencesLapsing ?? 0,
    appointments: counts,
    // Every one of the last 30 UTC days, with no bookings shown as 0.
    bookingsPerDay: Array.from({ length: 30 }, (_, i) => {
      const day = new Date(now.getTime() - (29 - i) * DAY_MS).toISOString().slice(0, 10)
      return { day, count: perDayMap.get(day) ?? 0 }
    }),
    noShowRate: attended ? month('no_show') / attended : null,
    cancellationRate: monthTotal ? month('cancelled') / monthTotal : null,
    medianLeadMs: lead?.lead_ms ?? null,
    revenue,
    activity,
  }
}
