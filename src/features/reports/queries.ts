import { sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctorOfClinic } from '../../core/clinic-scope-queries'
import { appointments, availabilityRules, doctors, payments, specialties, timeOff, users } from '../../db/schema'

// Each report is one SQL statement of aggregates: one round trip, whatever the number of rows.
// `scope` is the clinic rule's condition on a doctor id column (core/clinic-scope.ts) or `1`.
export type Range = { from: number; to: number }
type Scope = (doctorId: SQL) => SQL

/** The doctors a report covers: one clinic's (null: a clinic admin without one, nobody's), or all. */
export const reportScope = (clinicId: string | null | undefined): Scope => (clinicId === undefined ? () => sql`1` : (doctorId) => doctorOfClinic(clinicId, doctorId))

// The Monday (UTC) of an instant column's week, as "YYYY-MM-DD".
const weekOf = (instant: SQL) => sql`date(${instant} / 1000, 'unixepoch', 'weekday 0', '-6 days')`
const BOOKED = sql.raw(`'pending', 'confirmed', 'completed', 'no_show'`)

/**
 * Per doctor: minutes booked (live and attended appointments starting in the range) over minutes
 * available (the weekly working hours over each day of the range, less time off within it).
 * Days are UTC days: a doctor's hours are counted by their weekday, which is exact for the
 * totals of whole weeks and close for a partial one.
 */
export function utilisationStatement(db: Db, range: Range, scope: Scope) {
  return db.all<{ doctor_id: string; name: string; specialty: string; booked_minutes: number; available_minutes: number }>(sql`
    with recursive days(d) as (
      select date(${range.from} / 1000, 'unixepoch')
      union all select date(d, '+1 day') from days where d < date((${range.to} - 1) / 1000, 'unixepoch')
    ),
    weekdays as (select ((cast(strftime('%w', d) as integer) + 6) % 7) + 1 as weekday, count(*) as n from days group by 1),
    hours as (
      select r.doctor_id, sum((r.end_minute - r.start_minute) * w.n) as minutes
      from ${availabilityRules} r join weekdays w on w.weekday = r.weekday group by r.doctor_id
    ),
    away as (
      select t.doctor_id, sum((min(t.end_at, ${range.to}) - max(t.start_at, ${range.from})) / 60000) as minutes
      from ${timeOff} t where t.end_at > ${range.from} and t.start_at < ${range.to} group by t.doctor_id
    ),
    booked as (
      select a.doctor_id, sum((a.end_at - a.start_at) / 60000) as minutes
      from ${appointments} a where a.start_at >= ${range.from} and a.start_at < ${range.to} and a.status in (${BOOKED}) group by a.doctor_id
    )
    select d.id as doctor_id, u.name as name, s.name as specialty,
      coalesce(b.minutes, 0) as booked_minutes, max(coalesce(h.minutes, 0) - coalesce(o.minutes, 0), 0) as available_minutes
    from ${doctors} d join ${users} u on u.id = d.user_id join ${specialties} s on s.id = d.specialty_id
      left join hours h on h.doctor_id = d.id left join away o on o.doctor_id = d.id left join booked b on b.doctor_id = d.id
    where d.status = 'verified' and ${scope(sql`d.id`)}
    order by u.name, d.id`)
}

/** Appointments starting in the range by outcome, grouped by doctor, specialty or week. */
export function outcomesStatement(db: Db, range: Range, by: 'doctor' | 'specialty' | 'week', scope: Scope) {
  // Doctors are grouped by id (two may share a name) and shown by name.
  const key = by === 'doctor' ? sql`d.id` : by === 'specialty' ? sql`s.name` : weekOf(sql`a.start_at`)
  const label = by === 'doctor' ? sql`min(u.name)` : key
  return db.all<{ grp: string; total: number; completed: number; no_show: number; cancelled: number; rejected: number }>(sql`
    select ${label} as grp, count(*) as total,
      sum(a.status = 'completed') as completed, sum(a.status = 'no_show') as no_show,
      sum(a.status = 'cancelled') as cancelled, sum(a.status = 'rejected') as rejected
    from ${appointments} a join ${doctors} d on d.id = a.doctor_id join ${users} u on u.id = d.user_id join ${specialties} s on s.id = d.specialty_id
    where a.start_at >= ${range.from} and a.start_at < ${range.to} and ${scope(sql`a.doctor_id`)}
    group by ${key} order by grp`)
}

// The lead-time buckets, in days: [lower, upper) of the time from booking to the visit.
export const LEAD_BUCKETS = [
  { label: 'Under 1 day', upTo: 1 },
  { label: '1–3 days', upTo: 3 },
  { label: '3–7 days', upTo: 7 },
  { label: '1–2 weeks', upTo: 14 },
  { label: '2–4 weeks', upTo: 28 },
  { label: '4 weeks or more', upTo: Infinity },
] as const

/** Bookings made in the range by how long ahead they were made (and the average, in hours). */
export function leadTimeStatement(db: Db, range: Range, scope: Scope) {
  const bucket = sql.raw(
    `case ${LEAD_BUCKETS.filter((b) => Number.isFinite(b.upTo))
      .map((b, i) => `when (a.start_at - a.created_at) < ${b.upTo * 86_400_000} then ${i}`)
      .join(' ')} else ${LEAD_BUCKETS.length - 1} end`,
  )
  return db.all<{ bucket: number; count: number; avg_hours: number }>(sql`
    select ${bucket} as bucket, count(*) as count, avg((a.start_at - a.created_at) / 3600000.0) as avg_hours
    from ${appointments} a where a.created_at >= ${range.from} and a.created_at < ${range.to} and ${scope(sql`a.doctor_id`)}
    group by 1 order by 1`)
}

/** Patients whose first booking (with these doctors) was made in the range, per week. */
export function newPatientsStatement(db: Db, range: Range, scope: Scope) {
  return db.all<{ week: string; count: number }>(sql`
    select ${weekOf(sql`first_booked`)} as week, count(*) as count
    from (select a.patient_id, min(a.created_at) as first_booked from ${appointments} a where ${scope(sql`a.doctor_id`)} group by a.patient_id)
    where first_booked >= ${range.from} and first_booked < ${range.to}
    group by 1 order by 1`)
}

/** Money per week and currency: payments made in the range, less what was refunded of them (minor units). */
export function revenueStatement(db: Db, range: Range, scope: Scope) {
  return db.all<{ week: string; currency: string; payments: number; gross: number; refunded: number }>(sql`
    select ${weekOf(sql`coalesce(p.paid_at, p.created_at)`)} as week, p.currency as currency, count(*) as payments,
      sum(p.amount_cents) as gross, sum(p.refunded_cents) as refunded
    from ${payments} p
    where p.status in ('succeeded', 'partially_refunded', 'refunded') and coalesce(p.paid_at, p.created_at) >= ${range.from} and coalesce(p.paid_at, p.created_at) < ${range.to} and ${scope(sql`p.doctor_id`)}
    group by 1, 2 order by 1, 2`)
}
