import { and, desc, eq, gte, inArray, like, or, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, auditLog, doctors, payments, users } from '../../db/schema'
import type { Actor } from '../../core/actor'
import { doctorScope, peopleScope } from '../../core/clinic-scope-queries'

const DAY_MS = 86_400_000

export type DashboardWindows = { todayFrom: Date; todayTo: Date; now: Date }

/** Everything the admin dashboard shows, as one batch (one round trip), within what the actor may see. */
export function dashboardStatements(db: Db, actor: Actor, w: DashboardWindows) {
  const now = w.now.getTime()
  const ownAppointments = doctorScope(actor, appointments.doctorId)
  const licenceWarningDay = new Date(now + 30 * DAY_MS).toISOString().slice(0, 10)
  const weekAgo = now - 7 * DAY_MS
  const monthAgo = now - 30 * DAY_MS
  const between = (from: number, to: number) => sql`sum(case when ${appointments.startAt} >= ${from} and ${appointments.startAt} < ${to} then 1 else 0 end)`.mapWith(Number)
  return [
    db
      .select({ role: users.role, adminRole: users.adminRole, count: sql<number>`count(*)`.mapWith(Number) })
      .from(users)
      .where(and(eq(users.status, 'active'), peopleScope(actor, users.id)))
      .groupBy(users.role, users.adminRole),
    db
      .select({
        pending: sql<number>`coalesce(sum(${doctors.status} = 'pending'), 0)`.mapWith(Number),
        // Verified doctors whose licence lapses within 30 days (or has lapsed).
        licencesLapsing: sql<number>`coalesce(sum(${doctors.status} = 'verified' and ${doctors.licenseExpiresOn} <= ${licenceWarningDay}), 0)`.mapWith(Number),
      })
      .from(doctors)
      .where(doctorScope(actor, doctors.id)),
    // Appointments by status, starting today (the admin's day), in the last 7 and 30 days.
    db
      .select({ status: appointments.status, today: between(w.todayFrom.getTime(), w.todayTo.getTime()), week: between(weekAgo, now), month: between(monthAgo, now) })
      .from(appointments)
      .where(and(gte(appointments.startAt, new Date(Math.min(monthAgo, w.todayFrom.getTime()))), sql`${appointments.startAt} < ${Math.max(now, w.todayTo.getTime())}`, ownAppointments))
      .groupBy(appointments.status),
    // Bookings made per UTC day over the last 30 days.
    db
      .select({ day: sql<string>`date(${appointments.createdAt} / 1000, 'unixepoch')`, count: sql<number>`count(*)`.mapWith(Number) })
      .from(appointments)
      .where(and(gte(appointments.createdAt, new Date(monthAgo)), ownAppointments))
      .groupBy(sql`1`),
    // The median time between booking and visit, for bookings of the last 30 days (SQLite has no
    // median: the middle row of the sorted lead times).
    db.all<{ lead_ms: number | null }>(sql`select (start_at - created_at) as lead_ms from ${appointments} where created_at >= ${monthAgo} and ${ownAppointments ?? sql`1`}
      order by lead_ms limit 1 offset (select count(*) / 2 from ${appointments} where created_at >= ${monthAgo} and ${ownAppointments ?? sql`1`})`),
    // Net revenue of the last 30 days per currency: payments made, less what was refunded of them.
    db
      .select({ currency: payments.currency, netCents: sql<number>`sum(${payments.amountCents} - ${payments.refundedCents})`.mapWith(Number) })
      .from(payments)
      .where(and(inArray(payments.status, ['succeeded', 'partially_refunded', 'refunded']), gte(payments.paidAt, new Date(monthAgo)), doctorScope(actor, payments.doctorId)))
      .groupBy(payments.currency),
    db
      .select({ action: auditLog.action, actorName: users.name, entityType: auditLog.entityType, entityId: auditLog.entityId, createdAt: auditLog.createdAt })
      .from(auditLog)
      .leftJoin(users, eq(users.id, auditLog.actorUserId))
      .where(and(or(like(auditLog.action, 'admin.%'), like(auditLog.action, 'doctor.%')), peopleScope(actor, auditLog.actorUserId)))
      .orderBy(desc(auditLog.createdAt))
      .limit(10),
  ] as const
}
