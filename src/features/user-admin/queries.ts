import { and, desc, eq, isNotNull, isNull, like, or, sql, type AnyColumn } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, auditLog, doctors, sessions, users } from '../../db/schema'
import { containsPattern, keysetAfter, keysetOrder, withinDays, type KeysetPosition, type SortDir } from '../../core/table-queries'
import type { UsersQuery } from './schemas'

// The columns a table may be sorted by, and how a cursor's value goes back into SQL.
const SORTS: Record<UsersQuery['sort'], { column: AnyColumn; toDriver: (v: string | number) => unknown }> = {
  created: { column: users.createdAt, toDriver: (v) => new Date(Number(v)) },
  name: { column: users.name, toDriver: String },
  email: { column: users.email, toDriver: String },
}

export const userSelect = {
  id: users.id,
  name: users.name,
  email: users.email,
  phone: users.phone,
  role: users.role,
  adminRole: users.adminRole,
  clinicId: users.clinicId,
  status: users.status,
  emailVerifiedAt: users.emailVerifiedAt,
  createdAt: users.createdAt,
}

// The filters of the users table as one condition (dates are UTC days, `to` inclusive).
function matching(f: Omit<UsersQuery, 'sort' | 'dir' | 'cursor'>) {
  const pattern = f.q ? containsPattern(f.q) : undefined
  return and(
    pattern ? or(sql`lower(${users.name}) like ${pattern} escape '\\'`, sql`lower(${users.email}) like ${pattern} escape '\\'`) : undefined,
    f.role ? eq(users.role, f.role) : undefined,
    f.status ? eq(users.status, f.status) : undefined,
    f.verified === 'yes' ? isNotNull(users.emailVerifiedAt) : f.verified === 'no' ? isNull(users.emailVerifiedAt) : undefined,
    withinDays(users.createdAt, f.from, f.to),
  )
}

/** A page of users matching the filters, in the chosen order, after a keyset position. */
export function usersPageStatement(db: Db, query: UsersQuery, after: KeysetPosition | undefined, limit: number) {
  const sort = SORTS[query.sort]
  const position = after ? { v: sort.toDriver(after.v), id: after.id } : undefined
  return db
    .select(userSelect)
    .from(users)
    .where(and(matching(query), keysetAfter(sort.column, users.id, query.dir as SortDir, position)))
    .orderBy(...keysetOrder(sort.column, users.id, query.dir as SortDir))
    .limit(limit)
}

/** The value a row is sorted by, for the next page's cursor. */
export function sortValueOf(row: { name: string; email: string; createdAt: Date }, sort: UsersQuery['sort']): string | number {
  return sort === 'created' ? row.createdAt.getTime() : row[sort]
}

/** Everything a user's admin page shows, without medical data, in one batch. */
export function userDetailStatements(db: Db, userId: string, now: Date) {
  return [
    db.select(userSelect).from(users).where(eq(users.id, userId)),
    db
      .select({ id: sessions.id, userAgent: sessions.userAgent, ip: sessions.ip, createdAt: sessions.createdAt, lastSeenAt: sessions.lastSeenAt })
      .from(sessions)
      .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`${sessions.expiresAt} > ${now.getTime()}`, sql`${sessions.idleExpiresAt} > ${now.getTime()}`))
      .orderBy(desc(sessions.lastSeenAt)),
    db
      .select({ action: auditLog.action, ip: auditLog.ip, userAgent: auditLog.userAgent, createdAt: auditLog.createdAt })
      .from(auditLog)
      .where(and(or(eq(auditLog.actorUserId, userId), eq(auditLog.subjectUserId, userId)), like(auditLog.action, 'auth.login.%')))
      .orderBy(desc(auditLog.createdAt))
      .limit(20),
    db
      .select({ status: appointments.status, count: sql<number>`count(*)`.mapWith(Number) })
      .from(appointments)
      .leftJoin(doctors, eq(doctors.id, appointments.doctorId))
      .where(or(eq(appointments.patientId, userId), eq(doctors.userId, userId)))
      .groupBy(appointments.status),
  ] as const
}

// Nobody may lock out the platform's last active super admin.
const notLastSuperAdmin = sql`not (${users.role} = 'admin' and ${users.adminRole} = 'super'
  and (select count(*) from ${users} u where u.role = 'admin' and u.admin_role = 'super' and u.status = 'active') <= 1)`

/** Moves an account between active and deactivated, only from the status it is in now. */
export function setStatusStatement(db: Db, userId: string, change: { from: 'active' | 'deactivated'; to: 'active' | 'deactivated'; now: Date }) {
  return db
    .update(users)
    .set({ status: change.to, updatedAt: change.now })
    .where(and(eq(users.id, userId), eq(users.status, change.from), change.to === 'deactivated' ? notLastSuperAdmin : undefined))
    .returning({ id: users.id })
}

/** Ends every session of a user, in the batch that deactivated them, only if they are deactivated. */
export const endSessionsIfDeactivated = (db: Db, userId: string, now: Date) =>
  db
    .update(sessions)
    .set({ revokedAt: now, revokedReason: 'deactivated' })
    .where(and(eq(sessions.userId, userId), isNull(sessions.revokedAt), sql`exists (select 1 from ${users} where ${users.id} = ${userId} and ${users.status} = 'deactivated')`))

/**
 * A new sub-role for an admin, written only if it would leave at least one other active super
 * admin when it takes the role away from one.
 */
export function setAdminRoleStatement(db: Db, userId: string, { adminRole, clinicId }: { adminRole: 'super' | 'clinic' | 'support'; clinicId: string | null }, now: Date) {
  return db
    .update(users)
    .set({ adminRole, clinicId, updatedAt: now })
    .where(and(eq(users.id, userId), eq(users.role, 'admin'), adminRole === 'super' ? undefined : notLastSuperAdmin))
    .returning({ id: users.id })
}
