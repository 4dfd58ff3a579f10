import type { AppointmentStatus } from '../../db/schema/enums'

export type AppointmentRole = 'patient' | 'doctor' | 'admin'
export type Action = 'confirm' | 'reject' | 'cancel' | 'reschedule' | 'complete' | 'no_show'

// Every status change an appointment may go through, and who may make it (docs/api.md). Anything not
// listed is refused with 409 invalid_transition.
export const TRANSITIONS: Record<Action, { from: readonly AppointmentStatus[]; to: AppointmentStatus | 'same'; by: readonly AppointmentRole[] }> = {
  confirm: { from: ['pending'], to: 'confirmed', by: ['doctor'] },
  reject: { from: ['pending'], to: 'rejected', by: ['doctor'] },
  cancel: { from: ['pending', 'confirmed'], to: 'cancelled', by: ['patient', 'doctor', 'admin'] },
  // A new time for the same appointment; its status does not change. Admins move it on someone's
  // behalf (clinic and super admins only; see the services).
  reschedule: { from: ['pending', 'confirmed'], to: 'same', by: ['patient', 'doctor', 'admin'] },
  complete: { from: ['confirmed'], to: 'completed', by: ['doctor'] },
  // Recorded by the doctor, or by a clinic or super admin with a note.
  no_show: { from: ['confirmed'], to: 'no_show', by: ['doctor', 'admin'] },
}

export function allowedTransition(action: Action, from: AppointmentStatus, actor: AppointmentRole) {
  const rule = TRANSITIONS[action]
  return { byActor: rule.by.includes(actor), fromStatus: rule.from.includes(from), to: rule.to === 'same' ? from : rule.to }
}
