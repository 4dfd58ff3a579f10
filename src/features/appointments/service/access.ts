import { requireActor, type RequestContext } from '../../../core/context'
import type { Actor } from '../../../core/actor'
import { seesClinic } from '../../../core/clinic-scope'
import { NotFoundError } from '../../../lib/errors'
import type { AppointmentView } from '../present'
import { findAppointment, type AppointmentRow } from '../queries'
import type { AppointmentRole } from '../state-machine'

export type Row = NonNullable<AppointmentRow>

/** The caller's part in an appointment, or nothing: then it does not exist for them (404). */
export function roleIn(actor: Actor, row: Row): AppointmentRole | undefined {
  if (actor.role === 'patient' && row.patientId === actor.id) return 'patient'
  if (actor.doctorId !== null && row.doctorId === actor.doctorId) return 'doctor'
  if (actor.role === 'admin' && seesClinic(actor, row.doctorClinicId)) return 'admin'
  return undefined
}

/**
 * The appointment as its viewer may see it: support admins see appointments but not why people
 * booked them.
 */
export function viewOf(row: Row, actor: Actor): AppointmentView {
  const view = {
    ...row,
    patient: { id: row.patientId, name: row.patientName },
    doctor: { id: row.doctorId, name: row.doctorName, specialty: row.specialty },
  }
  return actor.role === 'admin' && actor.adminRole === 'support' ? { ...view, reason: null } : view
}

/** The appointment with the caller's part in it; 404 for anyone without one. */
export async function loadForActor(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx)
  const row = await findAppointment(ctx.db, id)
  const role = row ? roleIn(actor, row) : undefined
  if (!row || !role) throw new NotFoundError('No such appointment.')
  return { actor, row, role }
}
