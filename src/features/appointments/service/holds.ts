import type { RequestContext } from '../../../core/context'
import { noticesStatements } from '../../../core/notices/queries'
import { afterNotices } from '../../../core/notices/send'
import { settingsOf } from '../../../core/settings-of'
import { isUniqueViolation } from '../../../db/errors'
import { newId } from '../../../lib/ids'
import { DAY_MS } from '../../../lib/time'
import { assembleSchedules, scheduleStatements } from '../../availability/queries'
import { freeSlotsOf } from '../../availability/service'
import { bookedNotices } from '../notify'
import { appointmentChanged, bookingRulesStatement, bookPaidHoldStatement, findAppointment, insertEventIfChanged } from '../queries'
import { respondBy } from './policy'
import { HOLD_EXPIRED_REASON } from './jobs'

// Holds: a doctor who charges up front gets a booking only once it is paid for. Booking writes
// the hold (book.ts), the expiry job releases it (jobs.ts), and the payment's confirmation ends
// here: the hold becomes the booking, or, when the payment came after the hold expired and the
// time was taken meanwhile, the caller refunds it.

export type Settled = { outcome: 'booked' } | { outcome: 'unavailable'; alternatives: Date[] }

/** The appointment a confirmed payment was for becomes a booking, if its time can still be had. */
export async function bookPaidHold(ctx: RequestContext, appointmentId: string): Promise<Settled> {
  const hold = await findAppointment(ctx.db, appointmentId)
  if (!hold) return { outcome: 'unavailable', alternatives: [] }
  // Settled before (the same payment told twice): it stays booked.
  if (!hold.paymentDueBy && (hold.status === 'pending' || hold.status === 'confirmed')) return { outcome: 'booked' }
  const [rules] = await bookingRulesStatement(ctx.db, hold.doctorId)
  const now = ctx.now
  const status: 'pending' | 'confirmed' = rules?.autoConfirm === false ? 'pending' : 'confirmed'
  const booked = { ...hold, status, paymentDueBy: null, updatedAt: now }
  const notices = bookedNotices(ctx, booked)
  const change = bookPaidHoldStatement(ctx.db, hold, {
    status,
    respondBy: status === 'pending' ? respondBy(now, hold.startAt, (await settingsOf(ctx))['appointments.requests']) : null,
    bufferMinutes: rules?.bufferMinutes ?? 0,
    expiredReason: HOLD_EXPIRED_REASON,
    now,
  })
  try {
    const [written] = await ctx.db.batch([
      change,
      insertEventIfChanged(ctx.db, { id: newId('ape'), appointmentId, actorUserId: hold.patientId, kind: 'status_changed', fromStatus: hold.status, toStatus: status, note: 'Paid', now }, { status, updatedAt: now }),
      ...noticesStatements(ctx, notices, appointmentChanged(appointmentId, { status, updatedAt: now })),
    ])
    if (written.length > 0) {
      afterNotices(ctx, notices)
      return { outcome: 'booked' }
    }
  } catch (err) {
    // Someone booked the time in the meantime (the live-slot index said so).
    if (!isUniqueViolation(err, 'appointments')) throw err
  }
  const window = { from: now, to: new Date(now.getTime() + 14 * DAY_MS) }
  const schedules = assembleSchedules(await ctx.db.batch(scheduleStatements(ctx.db, [hold.doctorId], window.from, window.to, now)))
  return { outcome: 'unavailable', alternatives: freeSlotsOf(schedules.get(hold.doctorId), window, now, { limit: 3 }).map((s) => s.start) }
}
