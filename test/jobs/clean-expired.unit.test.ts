import { createScheduledController, createExecutionContext, waitOnExecutionContext } from 'cloudflare:test'
import { env } from 'cloudflare:workers'
import { eq, inArray } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { CRONS, runScheduled } from '../../src/jobs'
import { cleanExpired } from '../../src/jobs/clean-expired'
import worker from '../../src'
import { testDb } from '../helpers/db'
import { createUser } from '../helpers/factories'

async function sessionFor(userId: string, expiresAt: Date) {
  const [row] = await testDb()
    .insert(schema.sessions)
    .values({ userId, lastSeenAt: new Date(), idleExpiresAt: expiresAt, expiresAt })
    .returning()
  return row!
}

describe('cleanExpired', () => {
  it('deletes sessions ended over a day ago and keeps live ones; a second run finds nothing', async () => {
    const user = await createUser()
    const now = new Date('2031-01-10T03:17:00Z')
    const old = await sessionFor(user.id, new Date('2031-01-08T00:00:00Z'))
    const live = await sessionFor(user.id, new Date('2031-01-11T00:00:00Z'))

    const first = await cleanExpired(testDb(), now)
    expect(first.sessionsDeleted).toBeGreaterThanOrEqual(1)
    const left = await testDb()
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .where(inArray(schema.sessions.id, [old.id, live.id]))
    expect(left.map((s) => s.id)).toEqual([live.id])

    const second = await cleanExpired(testDb(), now)
    expect(second.sessionsDeleted).toBe(0)
  })
})

describe('scheduled()', () => {
  it('runs the nightly jobs for the nightly cron', async () => {
    const user = await createUser()
    const expired = await sessionFor(user.id, new Date(Date.now() - 3 * 24 * 3600_000))
    const controller = createScheduledController({ cron: CRONS.nightly, scheduledTime: new Date() })
    const ctx = createExecutionContext()
    worker.scheduled(controller, env, ctx)
    await waitOnExecutionContext(ctx)
    const rows = await testDb().select().from(schema.sessions).where(eq(schema.sessions.id, expired.id))
    expect(rows).toEqual([])
  })

  it('reports, rather than throws, for a cron it does not know', async () => {
    expect(await runScheduled('0 0 1 1 *', env)).toEqual({})
  })
})
