import type { RequestContext } from '../../../core/context'
import type { Settings } from '../../../core/settings'
import { settingsOf } from '../../../core/settings-of'
import { HOUR_MS } from '../../../lib/time'

// Clinic policy (the `appointments.policy` setting, core/settings.ts): a patient cancels or
// reschedules at least this many hours before the start; later, the page says why and whom to
// contact. Signed-in requests have it from the session at no extra round trip.
export type Policy = Settings['appointments.policy']

export async function loadPolicy(ctx: RequestContext): Promise<Policy> {
  return (await settingsOf(ctx))['appointments.policy']
}

/** Hours left before the start, against the notice a patient must give for a change. */
export function withinNotice(startAt: Date, now: Date, noticeHours: number) {
  return startAt.getTime() - now.getTime() < noticeHours * HOUR_MS
}

/**
 * How much of a cancelled visit's payment goes back (a percentage): all of it, unless the clinic
 * cancels at the patient's request after the cancellation notice — then the
 * `payments.late_cancel_refund_percent` setting's share. (Patients cannot cancel that late
 * online: the clinic does it for them.)
 */
export async function cancellationRefundPercent(ctx: RequestContext, startAt: Date, forPatient: boolean) {
  if (!forPatient) return 100
  const settings = await settingsOf(ctx)
  return withinNotice(startAt, ctx.now, settings['appointments.policy'].cancelNoticeHours) ? settings['payments.late_cancel_refund_percent'] : 100
}

// How long a doctor has to answer a request (the `appointments.requests` setting): so many hours
// after it was made, and never later than so many hours before the start. A request not answered
// by then is declined by the system (jobs: expire requests) and its time is free again.
export type RequestRule = Settings['appointments.requests']
// A request made close to its start still gets this long, as long as it is before the start.
const LEAST_TIME_TO_ANSWER_MS = 30 * 60_000

/** When a request made at `createdAt` for `startAt` must be answered by. */
export function respondBy(createdAt: Date, startAt: Date, rule: RequestRule): Date {
  const byRule = Math.min(createdAt.getTime() + rule.respondWithinHours * HOUR_MS, startAt.getTime() - rule.respondBeforeStartHours * HOUR_MS)
  const least = Math.min(createdAt.getTime() + LEAST_TIME_TO_ANSWER_MS, startAt.getTime())
  return new Date(Math.max(byRule, least))
}
