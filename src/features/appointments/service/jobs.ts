import { batchGroups, type BatchStatement } from '../../../core/batch-groups'
import type { RequestContext } from '../../../core/context'
import { noticeStatements, noticesStatements, type Notice } from '../../../core/notices/queries'
import { afterNotices } from '../../../core/notices/send'
import { DAY_MS, HOUR_MS } from '../../../lib/time'
import { assembleSchedules, scheduleStatements } from '../../availability/queries'
import { freeSlotsOf } from '../../availability/service'
import {
  claimReminderStatement,
  dueRemindersStatement,
  failHoldPaymentStatement,
  holdOverdue,
  unpaidHoldsStatement,
  onlyIfClaimed,
  overdueRequestsStatement,
  requestOverdue,
  systemChangeStatements,
  unattendedVisitsStatement,
  type ReminderSlot,
} from '../job-queries'
import { expiredNotices, holdExpiredNotices, noShowNotices, reminderNotice } from '../notify'
import { settingsOf } from '../../../core/settings-of'

// The scheduled work on appointments. Every job is safe to run twice or in overlapping runs
// (each change is a claim, see job-queries.ts), handles a bounded amount per run (the next run
// goes on where it stopped) and returns its counts for the log.

// Reminder times (the `reminders` setting), in hours before the start. They are real hours: "24
// hours before" a 10:00 visit on the Monday after a clock change is 24 × 60 minutes before it,
// which the clock on the wall shows as 09:00 or 11:00 on the Sunday (docs/reminders.md).
export async function sendDueReminders(ctx: RequestContext, bounds = { perRun: 10_000, chunk: 500 }) {
  const hours = (await settingsOf(ctx)).reminders
  const window = { earlyMs: hours.earlyHours * HOUR_MS, lateMs: hours.lateHours * HOUR_MS }
  const now = ctx.now
  let sent = 0
  let read = 0
  // Each round reads a chunk of due reminders and claims and sends them in one batch; what
  // another run claimed meanwhile is skipped, and the next round reads what is still due.
  while (read < bounds.perRun) {
    const due = await dueRemindersStatement(ctx.db, now, window, Math.min(bounds.chunk, bounds.perRun - read))
    if (due.length === 0) break
    read += due.length
    const reminders = due.map((appointment) => {
      const slot: ReminderSlot = appointment.startAt.getTime() <= now.getTime() + window.lateMs ? 'late' : 'early'
      const notice = reminderNotice(ctx, appointment)
      // The notice is written only if this run's claim just changed the row.
      return { notice, statements: [claimReminderStatement(ctx.db, { id: appointment.id, slot, startAt: appointment.startAt, now }), ...noticeStatements(ctx, notice, onlyIfClaimed)] }
    })
    const sentNow = (await batchGroups(ctx.db, reminders)).map((r) => r.notice)
    sent += sentNow.length
    afterNotices(ctx, sentNow)
    if (due.length < bounds.chunk) break
  }
  return { sent, skipped: read - sent }
}

// A request nobody answered in time is declined by the system (the reason is kept), the patient
// is offered the doctor's nearest free times, and the time is free again.
export const EXPIRED_REASON = 'The doctor did not answer the request in time.'
const ALTERNATIVES_WINDOW_MS = 14 * DAY_MS

export async function expireUnansweredRequests(ctx: RequestContext, bounds = { perRun: 200 }) {
  const now = ctx.now
  const overdue = await overdueRequestsStatement(ctx.db, now, bounds.perRun)
  if (overdue.length === 0) return { expired: 0, skipped: 0 }
  const window = { from: now, to: new Date(now.getTime() + ALTERNATIVES_WINDOW_MS) }
  const doctorIds = [...new Set(overdue.map((a) => a.doctorId))]
  const schedules = assembleSchedules(await ctx.db.batch(scheduleStatements(ctx.db, doctorIds, window.from, window.to, now)))
  const changes = overdue.map((appointment) => {
    // Other times than the one the doctor left unanswered.
    const free = freeSlotsOf(schedules.get(appointment.doctorId), window, now, { ignoring: { id: appointment.id, startAt: appointment.startAt }, limit: 3 })
    const change = systemChangeStatements(ctx.db, {
      id: appointment.id,
      from: 'pending',
      to: 'rejected',
      reason: EXPIRED_REASON,
      patientId: appointment.patientId,
      now,
      condition: requestOverdue(now),
    })
    const notices = expiredNotices(ctx, { ...appointment, status: 'rejected', updatedAt: now }, free.map((s) => s.start))
    return { statements: [...change.statements, ...noticesStatements(ctx, notices, change.happened)], notices }
  })
  return applyChanges(ctx, changes, 'expired')
}

export const HOLD_EXPIRED_REASON = 'The payment was not completed in time.'

/**
 * Holds whose payment did not come in time (doctors who charge up front) are cancelled by the
 * system, their payment marked failed, and the time is free again; the patient is told. Safe to
 * run twice: each hold is claimed by the conditional update.
 */
export async function expireUnpaidHolds(ctx: RequestContext, bounds = { perRun: 200 }) {
  const now = ctx.now
  const holds = await unpaidHoldsStatement(ctx.db, now, bounds.perRun)
  const changes = holds.map((hold) => {
    const change = systemChangeStatements(ctx.db, { id: hold.id, from: 'pending', to: 'cancelled', reason: HOLD_EXPIRED_REASON, patientId: hold.patientId, now, condition: holdOverdue(now) })
    const notices = holdExpiredNotices(ctx, { ...hold, status: 'cancelled', updatedAt: now })
    return { statements: [...change.statements, failHoldPaymentStatement(ctx.db, hold.id, change.happened), ...noticesStatements(ctx, notices, change.happened)], notices }
  })
  return applyChanges(ctx, changes, 'released')
}

// A visit the doctor joined and the patient never did is recorded as missed after this long, by
// the system; every other visit without an outcome waits for its doctor ("outcome needed").
export const NO_SHOW_AFTER_MS = 72 * HOUR_MS
export const NO_SHOW_REASON = 'The doctor joined the call; the patient did not.'

export async function recordUnattendedVisits(ctx: RequestContext, bounds = { perRun: 200 }) {
  const now = ctx.now
  const unattended = await unattendedVisitsStatement(ctx.db, now, NO_SHOW_AFTER_MS, bounds.perRun)
  if (unattended.length === 0) return { marked: 0, skipped: 0 }
  const changes = unattended.map((appointment) => {
    const change = systemChangeStatements(ctx.db, { id: appointment.id, from: 'confirmed', to: 'no_show', reason: NO_SHOW_REASON, patientId: appointment.patientId, now })
    const notices = noShowNotices(ctx, { ...appointment, status: 'no_show', updatedAt: now })
    return { statements: [...change.statements, ...noticesStatements(ctx, notices, change.happened)], notices }
  })
  return applyChanges(ctx, changes, 'marked')
}

// Writes every change in one batch and tells only the people of those this run made.
async function applyChanges<K extends string>(ctx: RequestContext, changes: { statements: BatchStatement[]; notices: Notice[] }[], counted: K) {
  const made = await batchGroups(ctx.db, changes)
  afterNotices(ctx, made.flatMap((c) => c.notices))
  return { [counted]: made.length, skipped: changes.length - made.length } as Record<K | 'skipped', number>
}
