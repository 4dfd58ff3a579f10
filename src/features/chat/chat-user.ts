import type { SessionUser } from '../auth/session-user'

// Who is chatting: enough of the session user to decide what they may see, and to name them.
export type ChatUser = Pick<SessionUser, 'id' | 'name' | 'role' | 'adminRole' | 'doctorId' | 'doctorStatus'>

// The doctor record a user acts as in chat: only a verified doctor's (a deactivated or pending
// doctor keeps their account, not their patients' conversations).
export function actingDoctorId(user: ChatUser): string | null {
  return user.role === 'doctor' && user.doctorStatus === 'verified' ? user.doctorId : null
}
