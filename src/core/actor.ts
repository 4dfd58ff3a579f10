import type { AdminRole, DoctorStatus, Role } from '../db/schema/enums'

// Who is making the request, resolved once per request from a live session row.
export type Actor = {
  id: string
  email: string
  name: string
  role: Role
  adminRole: AdminRole | null
  // A clinic admin's clinic: what they see is scoped to it (core/clinic-scope.ts).
  clinicId: string | null
  emailVerifiedAt: Date | null
  createdAt: Date
  // The doctor record this user acts as: set only for a verified doctor, so a pending, rejected
  // or deactivated doctor keeps their account but never acts as a doctor anywhere.
  doctorId: string | null
  // The doctor application's own status (pending, rejected…), for pages that explain it.
  doctorStatus: DoctorStatus | null
  // Chat messages from others not yet read (from the session lookup; absent right after sign-in).
  unreadMessages?: number
  // Notifications not yet read (the header's bell), from the same lookup.
  unreadNotifications?: number
  // Their own time zone when known (a patient's profile, a doctor's schedule; from the session lookup).
  timezone?: string | null
}

/** The doctor record a user acts as, decided in one place: only a verified doctor's. */
export function actingDoctorId(doctor: { doctorId: string | null; doctorStatus: DoctorStatus | null }): string | null {
  return doctor.doctorStatus === 'verified' ? doctor.doctorId : null
}

/**
 * True for the admin sub-roles that run the clinic (super and clinic admins): they may read
 * medical records and change appointments. Support admins do neither (a change only with a
 * recorded reason).
 */
export function isClinicAdmin(actor: Pick<Actor, 'role' | 'adminRole'>): boolean {
  return actor.role === 'admin' && (actor.adminRole === 'super' || actor.adminRole === 'clinic')
}

/**
 * Where a person lands after signing in: a patient's home (next appointment, shortcuts), a
 * verified doctor's practice dashboard, an applicant's account page (their application's status),
 * an admin's dashboard, a support agent's conversations.
 */
export function homePathOf(actor: Pick<Actor, 'role' | 'adminRole' | 'doctorId' | 'doctorStatus'>): string {
  if (actor.role === 'doctor') return actingDoctorId(actor) ? '/doctor' : '/account'
  if (actor.role === 'admin') return actor.adminRole === 'support' ? '/conversations' : '/admin'
  return '/home'
}

/** True for the admins who answer support conversations (support and super admins). */
export function isSupportAgent(actor: Pick<Actor, 'role' | 'adminRole'>): boolean {
  return actor.role === 'admin' && (actor.adminRole === 'support' || actor.adminRole === 'super')
}
