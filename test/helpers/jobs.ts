import { env } from 'cloudflare:workers'
import { contextOutsideRequest } from '../../src/core/context'
import { createDb } from '../../src/db/client'

// The context a cron job's services run in, at a chosen instant; work after it is awaited.
export function jobContext(now: Date) {
  const pending: Promise<unknown>[] = []
  return contextOutsideRequest({ db: createDb(env), env, now, requestId: 'test:job', background: (work) => void pending.push(work.catch(() => {})) })
}
