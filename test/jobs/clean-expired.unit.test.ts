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
  it('deletes sessions ended over a day ago and keeps live ones; running it again changes nothing', async () => {
    // Real time, so that the rows other test files are using right now stay live.
    const user = await createUser()
    const now = new Date()
    const old = await sessionFor(user.id, new Date(now.getTime() - 2 * 86_400_000))
    const live = await sessionFor(user.id, new Date(now.getTime() + 86_400_000))

    const first = await cleanExpired(testDb(), now)
    expect(first.sessionsDeleted).toBeGreaterThanOrEqual(1)
    const left = await testDb()
      .select({ id: schema.sessions.id })
      .from(schema.sessions)
      .where(inArray(schema.sessions.id, [old.id, live.id]))
    expect(left.map((s) => s.id)).toEqual([live.id])

    // Nothing of this test's is left to delete (other files may be adding rows meanwhile).
    await cleanExpired(testDb(), now)
    const again = await testDb().select({ id: schema.sessions.id }).from(schema.sessions).where(inArray(schema.sessions.id, [old.id, live.id]))
    expect(again.map((s) => s.id)).toEqual([live.id])
  })
})

describe('purging delivered email bodies', () => {
  it('empties the bodies of emails sent longer ago than the retention (30 days), keeps the rest and the record', async () => {
    const now = new Date()
    const sentAt = (days: number) => new Date(now.getTime() - days * 86_400_000)
    const rows = await testDb()
      .insert(schema.emailOutbox)
      .values([
        { toAddress: 'old@example.test', subject: 'Old', textBody: 'old body', htmlBody: '<p>old</p>', status: 'sent', sentAt: sentAt(31) },
        { toAddress: 'new@example.test', subject: 'New', textBody: 'new body', htmlBody: '<p>new</p>', status: 'sent', sentAt: sentAt(29) },
        { toAddress: 'queued@example.test', subject: 'Queued', textBody: 'queued body', status: 'queued' },
      ])
      .returning()
    await cleanExpired(testDb(), now)
    const after = await testDb().select().from(schema.emailOutbox).where(inArray(schema.emailOutbox.id, rows.map((r) => r.id)))
    const byTo = Object.fromEntries(after.map((r) => [r.toAddress, [r.subject, r.textBody, r.htmlBody]]))
    expect(byTo).toEqual({
      'old@example.test': ['Old', '', null],
      'new@example.test': ['New', 'new body', '<p>new</p>'],
      'queued@example.test': ['Queued', 'queued body', null],
    })
  })
})

describe('purging delivered texts', () => {
  it('empties the words of texts sent longer ago than the retention and keeps their record', async () => {
    const now = new Date()
    const rows = await testDb()
      .insert(schema.smsOutbox)
      .values([
        { toNumber: '+447700900001', body: 'MediConnect: reminder, old', status: 'sent', sentAt: new Date(now.getTime() - 31 * 86_400_000) },
        { toNumber: '+447700900002', body: 'MediConnect: reminder, new', status: 'sent', sentAt: new Date(now.getTime() - 86_400_000) },
      ])
      .returning()
    await cleanExpired(testDb(), now)
    const after = await testDb().select().from(schema.smsOutbox).where(inArray(schema.smsOutbox.id, rows.map((r) => r.id)))
    expect(Object.fromEntries(after.map((r) => [r.toNumber, r.body]))).toEqual({ '+447700900001': '', '+447700900002': 'MediConnect: reminder, new' })
  })
})

describe('scheduled()', () => {
  it('runs the nightly jobs for the nightly cron', async () => {
    const user = await createUser()
    const expired = await sessionFor(user.id, new Date(Date.now() - 3 * 24 * 3600_000))
    const controller = createScheduledController({ cron: CRONS.nightly, scheduledTime: new Date() })
    const ctx = createExecutionContext()
    await worker.scheduled(controller, env, ctx)
    await waitOnExecutionContext(ctx)
    const rows = await testDb().select().from(schema.sessions).where(eq(schema.sessions.id, expired.id))
    expect(rows).toEqual([])
  })

  it('reports, rather than throws, for a cron it does not know', async () => {
    expect(await runScheduled('0 0 1 1 *', env)).toEqual({})
  })
})
