import { isClinicAdmin } from '../../../core/actor'
import type { RequestContext } from '../../../core/context'
import { isUniqueViolation } from '../../../db/errors'
import { ConflictError, ForbiddenError, PolicyError, SlotUnavailableError } from '../../../lib/errors'
import { newId } from '../../../lib/ids'
import { toIsoInstant } from '../../../lib/time'
import { nearestAlternatives, rescheduleOptions, slotAt, windowAround } from '../../availability/service'
import { noticesStatements } from '../../../core/notices/queries'
import { afterNotices } from '../../../core/notices/send'
import { rescheduledNotices } from '../notify'
import { appointmentChanged, insertEventIfChanged, moveAppointmentIfFree } from '../queries'
import { allowedTransition } from '../state-machine'
import { offerFreedTime } from '../../availability/offers'
import { loadForActor, viewOf } from './access'
import { loadPolicy, withinNotice } from './policy'

/**
 * Moves an appointment to a new free slot: the same free slots the reschedule page offers (its
 * own current time is not one of them), written only if the slot is still free.
 */
export async function rescheduleAppointment(ctx: RequestContext, input: { id: string; start: Date }) {
  const { id, start } = input
  const { actor, row, role } = await loadForActor(ctx, id)
  const now = ctx.now
  const { byActor, fromStatus } = allowedTransition('reschedule', row.status, role)
  if (!byActor) throw new ForbiddenError(`A ${role} cannot reschedule an appointment.`)
  if (role === 'admin' && !isClinicAdmin(actor)) throw new ForbiddenError('Only clinic and super admins move appointments on someone’s behalf.')
  if (!fromStatus) throw new ConflictError(`An appointment that is ${row.status.replace('_', ' ')} cannot be rescheduled.`, 'invalid_transition')
  if (role === 'patient') {
    const { rescheduleNoticeHours } = await loadPolicy(ctx)
    if (withinNotice(row.startAt, now, rescheduleNoticeHours)) {
      throw new PolicyError(`Appointments can be moved online up to ${rescheduleNoticeHours} hours before they start. Please contact the clinic.`)
    }
  }
  const { slots, bufferMinutes } = await rescheduleOptions(ctx, { doctorId: row.doctorId, window: windowAround(start), appointment: row })
  const slot = slotAt(slots, start)
  const alternatives = nearestAlternatives(slots, start)
  if (!slot || bufferMinutes === undefined) throw new SlotUnavailableError(alternatives)
  const changed = { ...row, startAt: slot.start, endAt: slot.end, updatedAt: now }
  const notices = rescheduledNotices(ctx, changed, role, row.startAt)
  let moved: { id: string }[]
  try {
    ;[moved] = await ctx.db.batch([
      moveAppointmentIfFree(ctx.db, { id, doctorId: row.doctorId, startAt: slot.start, endAt: slot.end, bufferMinutes, now }),
      insertEventIfChanged(
        ctx.db,
        { id: newId('ape'), appointmentId: id, actorUserId: actor.id, kind: 'rescheduled', fromStatus: row.status, toStatus: row.status, data: { from: toIsoInstant(row.startAt), to: toIsoInstant(slot.start) }, now },
        { updatedAt: now },
      ),
      ...noticesStatements(ctx, notices, appointmentChanged(id, { updatedAt: now })),
    ])
  } catch (err) {
    if (isUniqueViolation(err, 'appointments')) throw new SlotUnavailableError(alternatives)
    throw err
  }
  if (moved.length === 0) throw new SlotUnavailableError(alternatives)
  afterNotices(ctx, notices)
  // The time it moved away from is free: offered to the doctor's waiting patients.
  await offerFreedTime(ctx, row.doctorId)
  return viewOf(changed, actor)
}
