import { toIsoInstant } from '../../lib/time'
import { describeDevice } from '../../lib/user-agent'
import type { Actor } from '../../core/actor'

type UserLike = Pick<Actor, 'id' | 'email' | 'name' | 'role' | 'adminRole' | 'emailVerifiedAt' | 'createdAt'>

// The API's `user` (docs/api.md): never a password hash, secret or token.
export function toApiUser(user: UserLike) {
  return {
    id: user.id,
    email: user.email,
    name: user.name,
    role: user.role,
    ...(user.adminRole ? { admin_role: user.adminRole } : {}),
    email_verified: user.emailVerifiedAt !== null,
    created_at: toIsoInstant(user.createdAt),
  }
}

const isoOrNull = (d: Date | null) => (d ? toIsoInstant(d) : null)

export function toApiPasskey(p: { id: string; name: string; createdAt: Date; lastUsedAt: Date | null }) {
  return { id: p.id, name: p.name, created_at: toIsoInstant(p.createdAt), last_used_at: isoOrNull(p.lastUsedAt) }
}

export function toApiSession(s: { id: string; userAgent: string | null; ip: string | null; createdAt: Date; lastSeenAt: Date; current: boolean }) {
  return {
    id: s.id,
    device: describeDevice(s.userAgent),
    user_agent: s.userAgent,
    ip: s.ip,
    created_at: toIsoInstant(s.createdAt),
    last_seen_at: toIsoInstant(s.lastSeenAt),
    current: s.current,
  }
}
