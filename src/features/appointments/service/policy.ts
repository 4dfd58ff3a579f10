import type { RequestContext } from '../../../core/context'
import { HOUR_MS } from '../../../lib/time'
import { settingStatement } from '../queries'

// Clinic policy (settings, with these defaults): a patient cancels or reschedules at least this
// many hours before the start; later, the page says why and whom to contact.
export const POLICY_SETTING = 'appointments.policy'
const DEFAULT_POLICY = { cancelNoticeHours: 24, rescheduleNoticeHours: 24 }
export type Policy = typeof DEFAULT_POLICY

export const policyStatement = (ctx: RequestContext) => settingStatement(ctx.db, POLICY_SETTING)
export const policyFrom = ([row]: { value: unknown }[]): Policy => ({ ...DEFAULT_POLICY, ...(row?.value as Partial<Policy> | undefined) })

export async function loadPolicy(ctx: RequestContext) {
  return policyFrom(await policyStatement(ctx))
}

// Hours left before the start, against the notice a patient must give for a change.
export function withinNotice(startAt: Date, now: Date, noticeHours: number) {
  return startAt.getTime() - now.getTime() < noticeHours * HOUR_MS
}
