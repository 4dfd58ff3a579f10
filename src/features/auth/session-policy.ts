import type { Role } from '../../db/schema/enums'
import type { Settings } from '../../core/settings'

// Automatic logoff: a session ends after this long without a request (staff sooner, because
// their screens show many patients' records; the `session.idle_minutes` setting, core/settings.ts)
// and, whatever happens, after an absolute lifetime.
export const SESSION_ABSOLUTE_HOURS = 12

export function idleMinutesFor(role: Role, settings: Settings): number {
  return settings['session.idle_minutes'][role]
}

// Sliding renewal without a write per request: the idle deadline moves only when the last
// recorded activity is older than a fifth of the idle time (at most 5 minutes), so a session is
// never kept longer than its idle timeout, and at worst ends that fraction earlier.
export function needsRenewal(lastSeenAt: Date, idleMinutes: number, now: Date): boolean {
  const threshold = Math.min(5, idleMinutes / 5) * 60_000
  return now.getTime() - lastSeenAt.getTime() >= threshold
}
