import type { SessionUser } from '../auth/session-user'

// Who is chatting: enough of the session user to decide what they may see, and to name them.
export type ChatUser = Pick<SessionUser, 'id' | 'name' | 'role' | 'adminRole' | 'doctorId'>
