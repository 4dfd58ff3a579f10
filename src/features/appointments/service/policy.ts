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

// How long a doctor has to answer a request (settings, with these defaults): so many hours after
// it was made, and never later than so many hours before the start. A request not answered by
// then is declined by the system (jobs: expire requests) and its time is free again.
export const REQUESTS_SETTING = 'appointments.requests'
const DEFAULT_REQUESTS = { respondWithinHours: 24, respondBeforeStartHours: 2 }
export type RequestRule = typeof DEFAULT_REQUESTS
// A request made close to its start still gets this long, as long as it is before the start.
const LEAST_TIME_TO_ANSWER_MS = 30 * 60_000

export const requestsStatement = (ctx: Pick<RequestContext, 'db'>) => settingStatement(ctx.db, REQUESTS_SETTING)
export const requestRuleFrom = ([row]: { value: unknown }[]): RequestRule => ({ ...DEFAULT_REQUESTS, ...(row?.value as Partial<RequestRule> | undefined) })

/** When a request made at `createdAt` for `startAt` must be answered by. */
export function respondBy(createdAt: Date, startAt: Date, rule: RequestRule): Date {
  const byRule = Math.min(createdAt.getTime() + rule.respondWithinHours * HOUR_MS, startAt.getTime() - rule.respondBeforeStartHours * HOUR_MS)
  const least = Math.min(createdAt.getTime() + LEAST_TIME_TO_ANSWER_MS, startAt.getTime())
  return new Date(Math.max(byRule, least))
}
