import { and, asc, eq, gt, isNull, lte, or, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointmentEvents, appointments, doctors, payments } from '../../db/schema'
import { auditInsertSelect } from '../../core/audit'
import { newId } from '../../lib/ids'
import { appointmentSelect } from './queries'

// The scheduled jobs' reads and conditional writes. Each write is a claim: it changes a row only
// if no other run (or person) changed it first, and what follows it in the batch (history,
// audit, notices) is written only if the claim just changed exactly one row (SQLite's
// changes()), so two runs that overlap never do the same thing twice.
const claimed = sql`changes() = 1`

export type ReminderWindow = { earlyMs: number; lateMs: number }
export type ReminderSlot = 'early' | 'late'

/**
 * Confirmed appointments owed a reminder, soonest first. The late reminder is due from `lateMs`
 * before the start, the early one from `earlyMs` before until the late one is due (a missed
 * early reminder is not sent once the late one is). Never at or after the start, and never for a
 * reminder whose moment had already passed when the appointment was booked.
 */
export function dueRemindersStatement(db: Db, now: Date, window: ReminderWindow, limit: number) {
  const t = now.getTime()
  const lateDue = and(isNull(appointments.reminder1hSentAt), lte(appointments.startAt, new Date(t + window.lateMs)), sql`${appointments.createdAt} <= ${appointments.startAt} - ${window.lateMs}`)
  const earlyDue = and(
    isNull(appointments.reminder24hSentAt),
    lte(appointments.startAt, new Date(t + window.earlyMs)),
    gt(appointments.startAt, new Date(t + window.lateMs)),
    sql`${appointments.createdAt} <= ${appointments.startAt} - ${window.earlyMs}`,
  )
  return appointmentSelect(db)
    .where(and(eq(appointments.status, 'confirmed'), gt(appointments.startAt, now), or(lateDue, earlyDue)))
    .orderBy(asc(appointments.startAt))
    .limit(limit)
}

/** Claims one reminder of one appointment at the start time it was read with (a move resets them). */
export function claimReminderStatement(db: Db, claim: { id: string; slot: ReminderSlot; startAt: Date; now: Date }) {
  const column = claim.slot === 'late' ? appointments.reminder1hSentAt : appointments.reminder24hSentAt
  return db
    .update(appointments)
    .set(claim.slot === 'late' ? { reminder1hSentAt: claim.now } : { reminder24hSentAt: claim.now })
    .where(and(eq(appointments.id, claim.id), eq(appointments.status, 'confirmed'), eq(appointments.startAt, claim.startAt), isNull(column), gt(appointments.startAt, claim.now)))
}

// A request past the moment it had to be answered by (or, without one, its start).
export const requestOverdue = (now: Date) => sql`coalesce(${appointments.respondBy}, ${appointments.startAt}) <= ${now.getTime()}`

/** Pending requests that are overdue, oldest first. */
export function overdueRequestsStatement(db: Db, now: Date, limit: number) {
  return appointmentSelect(db)
    // A hold waiting for its payment is not a request yet (it expires on its own, below).
    .where(and(eq(appointments.status, 'pending'), isNull(appointments.paymentDueBy), requestOverdue(now)))
    .orderBy(asc(appointments.respondBy))
    .limit(limit)
}

// A hold whose payment did not come in time.
export const holdOverdue = (now: Date) => sql`${appointments.paymentDueBy} <= ${now.getTime()}`

/** Holds whose payment is overdue, oldest first. */
export function unpaidHoldsStatement(db: Db, now: Date, limit: number) {
  return appointmentSelect(db)
    .where(and(eq(appointments.status, 'pending'), holdOverdue(now)))
    .orderBy(asc(appointments.paymentDueBy))
    .limit(limit)
}

/** The payment of a hold that expired, failed, if the expiry (`happened`) took place. */
export const failHoldPaymentStatement = (db: Db, appointmentId: string, happened: SQL) =>
  db.update(payments).set({ status: 'failed' }).where(and(eq(payments.appointmentId, appointmentId), eq(payments.status, 'pending'), happened))

/**
 * Confirmed appointments that ended over `afterMs` ago where the call history shows the doctor
 * joined and the patient never did.
 */
export function unattendedVisitsStatement(db: Db, now: Date, afterMs: number, limit: number) {
  const joined = (userId: SQL) => sql`exists (select 1 from ${appointmentEvents} where ${appointmentEvents.appointmentId} = ${appointments.id} and ${appointmentEvents.kind} = 'call_joined' and ${appointmentEvents.actorUserId} = ${userId})`
  return appointmentSelect(db)
    .where(and(eq(appointments.status, 'confirmed'), lte(appointments.endAt, new Date(now.getTime() - afterMs)), joined(sql`${doctors.userId}`), sql`not ${joined(sql`${appointments.patientId}`)}`))
    .orderBy(asc(appointments.endAt))
    .limit(limit)
}

type SystemChange = { id: string; from: 'pending' | 'confirmed'; to: 'rejected' | 'no_show' | 'cancelled'; reason: string; patientId: string; now: Date; condition?: SQL }

// What the audit log calls each change the system makes.
const SYSTEM_ACTIONS = { rejected: 'appointment.expired', no_show: 'appointment.no_show', cancelled: 'appointment.hold_expired' } as const

/**
 * A change of status the system makes (no person acting): the update, then its history line only
 * if the update changed the row, then its audit entry only if that line was written. `happened`
 * (the line exists) is the condition for the notices of the change.
 */
export function systemChangeStatements(db: Db, change: SystemChange) {
  const eventId = newId('ape')
  const happened = sql`exists (select 1 from ${appointmentEvents} where ${appointmentEvents.id} = ${eventId})`
  const statements = [
    db
      .update(appointments)
      .set({ status: change.to, statusReason: change.reason, updatedAt: change.now })
      .where(and(eq(appointments.id, change.id), eq(appointments.status, change.from), change.condition)),
    db.run(sql`insert into ${appointmentEvents} (id, appointment_id, actor_user_id, kind, from_status, to_status, note, data, created_at)
      select ${eventId}, ${change.id}, null, 'status_changed', ${change.from}, ${change.to}, ${change.reason}, ${JSON.stringify({ by: 'system' })}, ${change.now.getTime()} where ${claimed}`),
    db.run(
      sql`${auditInsertSelect({ action: SYSTEM_ACTIONS[change.to], actorRole: 'system', entityType: 'appointment', entityId: change.id, subjectUserId: change.patientId, metadata: { from: change.from, to: change.to } })} where ${happened}`,
    ),
  ]
  return { statements, happened }
}

export const onlyIfClaimed = claimed
