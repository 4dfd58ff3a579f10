import { isClinicAdmin } from '../../core/actor'
import { isClinicScoped } from '../../core/clinic-scope'
import { requireActor, type RequestContext } from '../../core/context'
import { ForbiddenError } from '../../lib/errors'
import { DAY_MS } from '../../lib/time'
import { clinicChoicesStatement } from '../clinics/queries'
import { LEAD_BUCKETS, revenueStatement, reportScope, leadTimeStatement, newPatientsStatement, outcomesStatement, utilisationStatement, type Range } from './queries'
import type { ReportName, ReportQuery } from './schemas'
import type { Report } from './present'

// The admins' reports, each one SQL statement of aggregates (one round trip), within the clinic
// rule: a clinic admin's cover their clinic's doctors; a super admin's everyone's, or one
// clinic's when asked.
export const DEFAULT_DAYS = 56

const day = (ms: number) => new Date(ms).toISOString().slice(0, 10)

/** The range asked for, with its defaults: the 8 weeks up to today (UTC days, both ends included). */
export function rangeOf(query: ReportQuery, now: Date) {
  const to = query.to ?? day(now.getTime())
  const from = query.from ?? day(Date.parse(to) - (DEFAULT_DAYS - 1) * DAY_MS)
  return { from, to, instants: { from: Date.parse(from), to: Date.parse(to) + DAY_MS } satisfies Range }
}

const rate = (part: number, whole: number) => (whole ? part / whole : null)


/** A report, and the clinics its page may filter by (none for a clinic admin): one round trip. */
export async function runReport(ctx: RequestContext, name: ReportName, query: ReportQuery): Promise<{ report: Report; clinics: { id: string; name: string }[] }> {
  const actor = requireActor(ctx)
  if (!isClinicAdmin(actor)) throw new ForbiddenError()
  const scoped = isClinicScoped(actor)
  const scope = reportScope(scoped ? actor.clinicId : (query.clinic ?? undefined))
  const { from, to, instants } = rangeOf(query, ctx.now)
  const clinicChoices = clinicChoicesStatement(ctx.db, scoped)
  const base = { name, from, to }
  if (name === 'utilisation') {
    const [found, clinics] = await ctx.db.batch([utilisationStatement(ctx.db, instants, scope), clinicChoices])
    const rows = found.map((r) => ({ doctor: r.name, specialty: r.specialty, booked_minutes: r.booked_minutes, available_minutes: r.available_minutes, utilisation: rate(r.booked_minutes, r.available_minutes) }))
    return { clinics, report: { ...base, columns: [['doctor', 'Doctor'], ['specialty', 'Specialty'], ['booked_minutes', 'Booked (min)'], ['available_minutes', 'Available (min)'], ['utilisation', 'Utilisation']], rows, chart: rows.map((r) => ({ label: r.doctor, value: Math.round((r.utilisation ?? 0) * 100) })), chartLabel: 'percent of available time booked' } }
  }
  if (name === 'outcomes') {
    const [found, clinics] = await ctx.db.batch([outcomesStatement(ctx.db, instants, query.by, scope), clinicChoices])
    const rows = found.map((r) => ({ [query.by]: r.grp, appointments: r.total, completed: r.completed, no_show: r.no_show, cancelled: r.cancelled, no_show_rate: rate(r.no_show, r.completed + r.no_show), cancellation_rate: rate(r.cancelled, r.total) }))
    const label = { doctor: 'Doctor', specialty: 'Specialty', week: 'Week of' }[query.by]
    return {
      clinics,
      report: {
        ...base,
        columns: [[query.by, label], ['appointments', 'Appointments'], ['completed', 'Completed'], ['no_show', 'No-shows'], ['cancelled', 'Cancelled'], ['no_show_rate', 'No-show rate'], ['cancellation_rate', 'Cancellation rate']],
        rows,
        chart: rows.map((r) => ({ label: String(r[query.by]), value: Math.round(((r.no_show_rate as number | null) ?? 0) * 100) })),
        chartLabel: 'percent no-shows among attended or missed visits',
      },
    }
  }
  if (name === 'lead-time') {
    const [found, clinics] = await ctx.db.batch([leadTimeStatement(ctx.db, instants, scope), clinicChoices])
    const byBucket = new Map(found.map((r) => [r.bucket, r]))
    const rows = LEAD_BUCKETS.map((b, i) => ({ lead_time: b.label, bookings: byBucket.get(i)?.count ?? 0, average_hours: byBucket.get(i) ? Math.round(byBucket.get(i)!.avg_hours) : null }))
    return { clinics, report: { ...base, columns: [['lead_time', 'Booked ahead'], ['bookings', 'Bookings'], ['average_hours', 'Average (hours)']], rows, chart: rows.map((r) => ({ label: r.lead_time, value: r.bookings })), chartLabel: 'bookings' } }
  }
  if (name === 'revenue') {
    const [found, clinics] = await ctx.db.batch([revenueStatement(ctx.db, instants, scope), clinicChoices])
    const rows = found.map((r) => ({ week: r.week, currency: r.currency, payments: r.payments, gross_cents: r.gross, refunded_cents: r.refunded, net_cents: r.gross - r.refunded }))
    return { clinics, report: { ...base, columns: [['week', 'Week of'], ['currency', 'Currency'], ['payments', 'Payments'], ['gross_cents', 'Paid (cents)'], ['refunded_cents', 'Refunded (cents)'], ['net_cents', 'Net (cents)']], rows, chart: rows.map((r) => ({ label: `${r.week} ${r.currency}`, value: Math.round(r.net_cents / 100) })), chartLabel: 'net revenue (whole units)' } }
  }
  const [found, clinics] = await ctx.db.batch([newPatientsStatement(ctx.db, instants, scope), clinicChoices])
  const byWeek = new Map(found.map((r) => [r.week, r.count]))
  // Every week of the range, with none shown as 0.
  const weeks: string[] = []
  const firstMonday = Date.parse(from) - ((new Date(Date.parse(from)).getUTCDay() + 6) % 7) * DAY_MS
  for (let t = firstMonday; t < instants.to; t += 7 * DAY_MS) weeks.push(day(t))
  const rows = weeks.map((week) => ({ week, new_patients: byWeek.get(week) ?? 0 }))
  return { clinics, report: { ...base, columns: [['week', 'Week of'], ['new_patients', 'New patients']], rows, chart: rows.map((r) => ({ label: r.week, value: r.new_patients })), chartLabel: 'new patients' } }
}
