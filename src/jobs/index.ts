import { createDb } from '../db/client'
import type { Bindings } from '../env'
import { log, describeError } from '../lib/log'
import { deliverDueEmails } from '../core/mail/outbox'
import { cleanExpired } from './clean-expired'

// Cron expressions as declared in wrangler.toml [triggers]; each maps to the jobs it runs.
export const CRONS = {
  everyFiveMinutes: '*/5 * * * *',
  nightly: '17 3 * * *',
} as const

type Job = (env: Bindings, now: Date) => Promise<unknown>

const JOBS: Record<string, Record<string, Job>> = {
  [CRONS.everyFiveMinutes]: {
    // Retries what Postmark refused or could not be reached for; nothing if no token is set.
    deliverEmail: (env, now) => deliverDueEmails(env, createDb(env), now),
  },
  [CRONS.nightly]: {
    cleanExpired: (env, now) => cleanExpired(createDb(env), now),
  },
}

// Runs every job of a cron; one failing job does not stop the others, and the failure is logged
// (the next run retries — every job is safe to run twice).
export async function runScheduled(cron: string, env: Bindings, now = new Date()) {
  const jobs = JOBS[cron]
  if (!jobs) {
    log('warn', 'no jobs for cron', { cron })
    return {}
  }
  const outcomes: Record<string, unknown> = {}
  for (const [name, job] of Object.entries(jobs)) {
    try {
      outcomes[name] = await job(env, now)
      log('info', 'job finished', { cron, job: name, result: outcomes[name] })
    } catch (err) {
      outcomes[name] = { error: true }
      log('error', 'job failed', { cron, job: name, ...describeError(err) })
    }
  }
  return outcomes
}
