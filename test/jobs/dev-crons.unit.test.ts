import { describe, expect, it } from 'vitest'
import { cronDue } from '../../scripts/lib/dev-crons'
import { CRONS } from '../../src/jobs/crons'

describe('npm run dev’s cron schedule', () => {
  it('fires the five-minute crons on the fives, the nightly one at 03:17 UTC and the weekly one on Mondays only', () => {
    expect(cronDue(CRONS.everyFiveMinutes, new Date('2026-11-28T10:05:00Z'))).toBe(true)
    expect(cronDue(CRONS.everyFiveMinutes, new Date('2026-11-28T10:06:00Z'))).toBe(false)
    expect(cronDue(CRONS.nightly, new Date('2026-11-28T03:17:00Z'))).toBe(true)
    expect(cronDue(CRONS.nightly, new Date('2026-11-28T04:17:00Z'))).toBe(false)
    expect(cronDue(CRONS.nightly, new Date('2026-11-28T03:18:00Z'))).toBe(false)
    // 2026-11-30 is a Monday.
    expect(cronDue(CRONS.weekly, new Date('2026-11-30T04:43:00Z'))).toBe(true)
    expect(cronDue(CRONS.weekly, new Date('2026-11-28T04:43:00Z'))).toBe(false)
  })
})
