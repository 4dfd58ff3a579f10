import type { Actor } from './actor'

// The one home of the clinic rule: a clinic admin sees and acts on only their clinic's doctors,
// those doctors' appointments and reports, and the records of patients with an appointment there.
// Super and support admins are not scoped by clinic (support admins are kept from medical data
// by the record rule instead). A clinic admin with no clinic sees nothing. The rule as SQL, for
// the queries that carry it, is in clinic-scope-queries.ts.

export type Scoped = Pick<Actor, 'role' | 'adminRole' | 'clinicId'>

/** True when what the actor sees is limited to one clinic. */
export const isClinicScoped = (actor: Scoped) => actor.role === 'admin' && actor.adminRole === 'clinic'

/** True when the actor may see a doctor of `clinicId` (already loaded). */
export function seesClinic(actor: Scoped, clinicId: string | null): boolean {
  return !isClinicScoped(actor) || (actor.clinicId !== null && actor.clinicId === clinicId)
}
