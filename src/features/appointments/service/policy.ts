import type { RequestContext } from '../../../core/context'
import { HOUR_MS } from '../../../lib/time'
import { settingStatement } from '../queries'

// Clinic policy (settings, with these defaults): a patient cancels or reschedules at least this
// many hours before the start; later, the page says why and whom to contact.
export const POLICY_SETTING = 'appointments.policy'
const DEFAULT_POLICY = { cancelNoticeHours: 24, rescheduleNoticeHours: 24 }
export type Policy = typeof DEFAULT_POLICY

/** The clinic policy's settings row, to put in a caller's batch. */
export const policyStatement = (ctx: RequestContext) => settingStatement(ctx.db, POLICY_SETTING)
/** The policy from its settings row, with the defaults for anything unset. */
export const policyFrom = ([row]: { value: unknown }[]): Policy => ({ ...DEFAULT_POLICY, ...(row?.value as Partial<Policy> | undefined) })

/** The clinic policy in its own round trip (for callers with nothing else to batch). */
export async function loadPolicy(ctx: RequestContext) {
  return policyFrom(await policyStatement(ctx))
}

/** Hours left before the start, against the notice a patient must give for a change. */
export function withinNotice(startAt: Date, now: Date, noticeHours: number) {
  return startAt.getTime() - now.getTime() < noticeHours * HOUR_MS
}
