import { isClinicAdmin } from '../../../core/actor'
import { stripeConfigured } from '../../../core/stripe'
import type { RequestContext } from '../../../core/context'
import { requestOrigin } from '../../../core/context'
import { auditStatement } from '../../../core/audit'
import { ConflictError, ForbiddenError, PolicyError, ValidationError } from '../../../lib/errors'
import { newId } from '../../../lib/ids'
import { callRoom } from '../../../durable-objects/call-room/stub'
import { finalizeNotesStatement } from '../../visit-notes/queries'
import { noticesStatements } from '../../../core/notices/queries'
import { afterNotices } from '../../../core/notices/send'
import { transitionNotices } from '../notify'
import { appointmentChanged, insertEventIfChanged, paymentOnCancelStatements, updateStatusIfUnchanged } from '../queries'
import { allowedTransition, type Action } from '../state-machine'
import { offerFreedTime } from '../../availability/offers'
import { loadForActor, viewOf } from './access'
import { cancellationRefundPercent, loadPolicy, withinNotice } from './policy'

/**
 * Changes an appointment's status through the one state machine (state-machine.ts): who may, from
 * which status, the clinic's notice rules; then a conditional write (the status must still be what
 * was read) with its history entry, in one batch. A call in progress ends when the visit stops
 * being confirmed.
 */
export async function transitionAppointment(ctx: RequestContext, input: { id: string; action: Exclude<Action, 'reschedule'>; reason?: string; forPatient?: boolean }) {
  const { id, action, reason } = input
  const { actor, row, role } = await loadForActor(ctx, id)
  const now = ctx.now
  const { byActor, fromStatus, to } = allowedTransition(action, row.status, role)
  if (!byActor) throw new ForbiddenError(`A ${role} cannot ${action.replace('_', '-')} an appointment.`)
  if (!fromStatus) throw new ConflictError(`An appointment that is ${row.status.replace('_', ' ')} cannot be changed that way.`, 'invalid_transition')
  if (action === 'no_show' && now < row.startAt) throw new ConflictError('A no-show can be recorded only after the start.', 'invalid_transition')
  if (action === 'reject' && !reason) throw new ValidationError({ reason: 'is required' })
  // Clinic and super admins run the calendar; support admins help people, and change an
  // appointment only with a reason, which is kept with the change.
  if (role === 'admin' && !isClinicAdmin(actor) && !reason) throw new ValidationError({ reason: 'is required when support changes an appointment' })
  // Support may only cancel (with a reason); recording a missed visit is the calendar's staff's.
  if (role === 'admin' && !isClinicAdmin(actor) && action !== 'cancel') throw new ForbiddenError('Support admins may only cancel an appointment, with a reason.')
  if (role === 'admin' && action === 'no_show' && !reason) throw new ValidationError({ reason: 'is required: a note on what happened' })
  if (input.forPatient && (role !== 'admin' || action !== 'cancel')) throw new ValidationError({ for_patient: 'is for an admin cancelling at the patient’s request' })
  if (action === 'cancel' && role === 'patient') {
    const { cancelNoticeHours } = await loadPolicy(ctx)
    if (withinNotice(row.startAt, now, cancelNoticeHours)) {
      throw new PolicyError(`Appointments can be cancelled online up to ${cancelNoticeHours} hours before they start. Please contact the clinic.`)
    }
  }
  const refundPercent = action === 'cancel' ? await cancellationRefundPercent(ctx, row.startAt, Boolean(input.forPatient)) : 100
  const changed = { ...row, status: to, updatedAt: now }
  const notices = transitionNotices(ctx, changed, action, role, reason)
  const [updated] = await ctx.db.batch([
    updateStatusIfUnchanged(ctx.db, { id, from: row.status, to, reason: reason ?? null, now }),
    insertEventIfChanged(
      ctx.db,
      { id: newId('ape'), appointmentId: id, actorUserId: actor.id, kind: 'status_changed', fromStatus: row.status, toStatus: to, note: reason ?? null, now },
      { status: to, updatedAt: now },
    ),
    // A completed visit's draft notes become final with it.
    ...(to === 'completed' ? [finalizeNotesStatement(ctx.db, id, now)] : []),
    // A cancelled visit's payment is refunded: in full, or the late-cancellation share (policy.ts).
    ...(to === 'cancelled' ? paymentOnCancelStatements(ctx.db, id, appointmentChanged(id, { status: to, updatedAt: now }), { id: newId('rfd'), percent: refundPercent, viaStripe: stripeConfigured(ctx.env), now }) : []),
    ...noticesStatements(ctx, notices, appointmentChanged(id, { status: to, updatedAt: now })),
  ])
  if (updated.length === 0) throw new ConflictError('The appointment changed in the meantime. Please reload it.', 'invalid_transition')
  ctx.background(
    auditStatement(ctx.db, { action: `appointment.${action}`, actorUserId: actor.id, actorRole: actor.role, entityType: 'appointment', entityId: id, subjectUserId: row.patientId, ...requestOrigin(ctx), metadata: { from: row.status, to, ...(input.forPatient ? { for_patient: true, refund_percent: refundPercent } : {}) } }).execute(),
  )
  // A call can only go on while the appointment is confirmed; anyone still in it is let go.
  if (to !== 'confirmed') ctx.background(callRoom(ctx.env, id).end(to))
  afterNotices(ctx, notices)
  // A cancelled or declined visit frees its time: the doctor's waiting patients are offered it.
  if (to === 'cancelled' || to === 'rejected') await offerFreedTime(ctx, row.doctorId)
  return viewOf(changed, actor)
}
