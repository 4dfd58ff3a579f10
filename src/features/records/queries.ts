import { and, asc, desc, eq, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointments, auditLog, patientProfiles, users } from '../../db/schema'
import { CARE_STATUSES } from '../../core/record-access'

// The audit actions a patient sees under "Who saw my record": reads of their data by anyone.
export const RECORD_READ_ACTIONS = ['record.read', 'document.download', 'conversation.read'] as const

export type PatientCursor = { name: string; id: string }

// A doctor's patients: everyone with a (non-rejected) appointment with them, by name, with the
// last visit and the next appointment. Searching matches name or email.
export function doctorPatientsStatement(db: Db, doctorId: string, options: { q?: string; after?: PatientCursor; limit: number; now: Date }) {
  const now = options.now.getTime()
  const sortName = sql<string>`lower(${users.name})`
  const filters: (SQL | undefined)[] = [eq(appointments.doctorId, doctorId), inArray(appointments.status, CARE_STATUSES)]
  if (options.q) {
    const pattern = `%${options.q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`
    filters.push(or(sql`${users.name} like ${pattern} escape '\\'`, sql`${users.email} like ${pattern} escape '\\'`))
  }
  if (options.after) {
    filters.push(or(sql`${sortName} > ${options.after.name}`, and(sql`${sortName} = ${options.after.name}`, sql`${users.id} > ${options.after.id}`)))
  }
  return db
    .select({
      id: users.id,
      name: users.name,
      sortName,
      email: users.email,
      dateOfBirth: patientProfiles.dateOfBirth,
      appointmentCount: sql<number>`count(${appointments.id})`,
      lastVisitAt: sql<number | null>`max(case when ${appointments.startAt} < ${now} and ${appointments.status} = 'completed' then ${appointments.startAt} end)`,
      nextAppointmentAt: sql<number | null>`min(case when ${appointments.startAt} >= ${now} and ${appointments.status} in ('pending', 'confirmed') then ${appointments.startAt} end)`,
    })
    .from(appointments)
    .innerJoin(users, eq(users.id, appointments.patientId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, users.id))
    .where(and(...filters))
    .groupBy(users.id)
    .orderBy(asc(sortName), asc(users.id))
    .limit(options.limit + 1)
}

// The appointments between a doctor and a patient, newest first (the doctor's view of a patient).
export function sharedAppointmentsStatement(db: Db, doctorId: string, patientId: string) {
  return db
    .select({ id: appointments.id, startAt: appointments.startAt, type: appointments.type, status: appointments.status, reason: appointments.reason })
    .from(appointments)
    .where(and(eq(appointments.doctorId, doctorId), eq(appointments.patientId, patientId)))
    .orderBy(desc(appointments.startAt))
    .limit(50)
}

export type AccessCursor = { at: number; id: string }

// Reads of a patient's data by other people, newest first, with who they were.
export function recordAccessStatement(db: Db, patientId: string, options: { before?: AccessCursor; limit: number }) {
  const filters: (SQL | undefined)[] = [
    eq(auditLog.subjectUserId, patientId),
    inArray(auditLog.action, [...RECORD_READ_ACTIONS]),
    or(ne(auditLog.actorUserId, patientId), sql`${auditLog.actorUserId} is null`),
  ]
  if (options.before) {
    const at = options.before.at
    filters.push(or(lt(auditLog.createdAt, new Date(at)), and(eq(auditLog.createdAt, new Date(at)), lt(auditLog.id, options.before.id))))
  }
  return db
    .select({
      id: auditLog.id,
      action: auditLog.action,
      entityType: auditLog.entityType,
      entityId: auditLog.entityId,
      actorRole: auditLog.actorRole,
      actorName: users.name,
      actorAdminRole: users.adminRole,
      ip: auditLog.ip,
      userAgent: auditLog.userAgent,
      createdAt: auditLog.createdAt,
    })
    .from(auditLog)
    .leftJoin(users, eq(users.id, auditLog.actorUserId))
    .where(and(...filters))
    .orderBy(desc(auditLog.createdAt), desc(auditLog.id))
    .limit(options.limit + 1)
}


