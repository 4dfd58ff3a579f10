import type { Role } from '../../db/schema/enums'

// Automatic logoff: a session ends after this long without a request (staff sooner, because
// their screens show many patients' records) and, whatever happens, after an absolute lifetime.
// Admins may change the idle minutes in settings under SESSION_IDLE_SETTING.
export const SESSION_IDLE_SETTING = 'session.idle_minutes'
export const DEFAULT_IDLE_MINUTES: Record<Role, number> = { patient: 60, doctor: 30, admin: 15 }
export const SESSION_ABSOLUTE_HOURS = 12

export function idleMinutesFor(role: Role, configured: unknown): number {
  const value = (configured as Partial<Record<Role, unknown>> | null)?.[role]
  return typeof value === 'number' && value >= 1 && value <= 24 * 60 ? value : DEFAULT_IDLE_MINUTES[role]
}

// Sliding renewal without a write per request: the idle deadline moves only when the last
// recorded activity is older than a fifth of the idle time (at most 5 minutes), so a session is
// never kept longer than its idle timeout, and at worst ends that fraction earlier.
export function needsRenewal(lastSeenAt: Date, idleMinutes: number, now: Date): boolean {
  const threshold = Math.min(5, idleMinutes / 5) * 60_000
  return now.getTime() - lastSeenAt.getTime() >= threshold
}
