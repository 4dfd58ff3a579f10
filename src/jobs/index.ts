import { createDb } from '../db/client'
import type { Bindings } from '../env'
import { log, describeError } from '../lib/log'
import { deliverDueEmails } from '../core/mail/outbox'
import { deliverDuePush } from '../core/notices/push'
import { deliverDueSms } from '../core/notices/sms'
import { cleanExpired } from './clean-expired'
import { contextOutsideRequest } from '../core/context'
import { notifyWaitingMessages } from '../features/chat/waiting-messages'
import { sealAuditLog } from '../features/audit-log/service'
import { sendPendingRefunds } from '../features/payments/service'
import { sweepWaitlists } from '../features/availability/offers'
import { runPayouts } from '../features/payouts/service'
import { renewLocalSubscriptions } from '../features/stripe/local'
import { expireUnansweredRequests, expireUnpaidHolds, recordUnattendedVisits, sendDueReminders } from '../features/appointments/service/jobs'

import { CRONS } from './crons'

export { CRONS }

type Job = (env: Bindings, now: Date, background: (work: Promise<unknown>) => void) => Promise<unknown>

// The context a job's services run in: no request, no actor, the run's clock.
const jobContext = (env: Bindings, now: Date, background: (work: Promise<unknown>) => void, job: string) =>
  contextOutsideRequest({ db: createDb(env), env, now, requestId: `cron:${job}`, background })

const JOBS: Record<string, Record<string, Job>> = {
  [CRONS.everyFiveMinutes]: {
    // Before the email job, so what they queue goes out in the same run.
    sendReminders: (env, now, background) => sendDueReminders(jobContext(env, now, background, 'reminders')),
    expireRequests: (env, now, background) => expireUnansweredRequests(jobContext(env, now, background, 'expire-requests')),
    // Sends the refunds waiting for Stripe (nothing without Stripe keys: those are done at once).
    sendRefunds: (env, now, background) => sendPendingRefunds(jobContext(env, now, background, 'refunds')),
    // Frees the slots held for payments that did not come in time.
    expireHolds: (env, now, background) => expireUnpaidHolds(jobContext(env, now, background, 'expire-holds')),
    // After the two above, so the slots they freed are offered to waiting patients in this run;
    // offers not taken in time pass to the next patient waiting.
    sweepWaitlists: (env, now, background) => sweepWaitlists(jobContext(env, now, background, 'waitlists')),
    notifyWaitingMessages: (env, now, background) => notifyWaitingMessages(jobContext(env, now, background, 'waiting-messages')),
    // Chains the audit rows written since the last run (tamper evidence).
    sealAuditLog: (env) => sealAuditLog({ db: createDb(env) }),
    // Retries what Postmark refused or could not be reached for; nothing if no token is set.
    deliverEmail: (env, now) => deliverDueEmails(env, createDb(env), now),
    deliverPush: (env, now) => deliverDuePush(env, createDb(env), now),
    deliverSms: (env, now) => deliverDueSms(env, createDb(env), now),
  },
  [CRONS.nightly]: {
    recordUnattendedVisits: (env, now, background) => recordUnattendedVisits(jobContext(env, now, background, 'no-shows')),
    cleanExpired: (env, now) => cleanExpired(createDb(env), now),
    // Local test mode only: plays Stripe's renewals of doctors' plans (nothing with Stripe keys).
    renewLocalPlans: (env, now, background) => renewLocalSubscriptions(jobContext(env, now, background, 'local-renewals')),
  },
  [CRONS.weekly]: {
    // Transfers each doctor what their completed visits earned since the last payout.
    payOut: (env, now, background) => runPayouts(jobContext(env, now, background, 'payouts')),
  },
}

// Runs every job of a cron; one failing job does not stop the others, and the failure is logged
// (the next run retries — every job is safe to run twice).
export async function runScheduled(cron: string, env: Bindings, now = new Date(), background: (work: Promise<unknown>) => void = settle) {
  const jobs = JOBS[cron]
  if (!jobs) {
    log('warn', 'no jobs for cron', { cron })
    return {}
  }
  const outcomes: Record<string, unknown> = {}
  for (const [name, job] of Object.entries(jobs)) {
    try {
      outcomes[name] = await job(env, now, background)
      log('info', 'job finished', { cron, job: name, result: outcomes[name] })
    } catch (err) {
      outcomes[name] = { error: true }
      log('error', 'job failed', { cron, job: name, ...describeError(err) })
    }
  }
  return outcomes
}

// Without a runtime to hand work to (a test, a script), work after a job is awaited by nobody;
// its failure is logged rather than left unhandled.
function settle(work: Promise<unknown>) {
  work.catch((err) => log('warn', 'work after a job failed', describeError(err)))
}
