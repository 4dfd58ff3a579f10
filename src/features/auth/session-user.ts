import type { AdminRole, Role } from '../../db/schema/enums'

// Who is making the request, as the session middleware resolved it from a live session row.
export type SessionUser = {
  id: string
  email: string
  name: string
  role: Role
  adminRole: AdminRole | null
  emailVerifiedAt: Date | null
  createdAt: Date
  // For doctors: the doctor record's status; only "verified" may act as a doctor.
  doctorId: string | null
  doctorStatus: 'pending' | 'verified' | 'rejected' | 'deactivated' | null
  // Chat messages from others not yet read (set from the session lookup; absent right after sign-in).
  unreadMessages?: number
}
