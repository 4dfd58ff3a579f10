import { describe, expect, it } from 'vitest'
import { assignOffers, slotSuits } from '../../../src/features/availability/waitlist-matching'

const entry = (over: Partial<Parameters<typeof slotSuits>[0]> = {}) => ({ fromDate: '2027-03-01', toDate: '2027-03-07', weekdays: '', timesOfDay: '', timezone: 'Europe/Berlin', ...over })
const at = (iso: string) => new Date(iso)

describe('which freed slot suits which waiting patient', () => {
  it('reads the range, weekdays and times of day on the patient’s own clock', () => {
    // 23:30 UTC on 7 March is 00:30 on 8 March in Berlin: past the last day.
    expect(slotSuits(entry(), at('2027-03-07T22:30:00Z'))).toBe(true)
    expect(slotSuits(entry(), at('2027-03-07T23:30:00Z'))).toBe(false)
    // Tuesdays only (2 March 2027 is a Tuesday).
    expect(slotSuits(entry({ weekdays: '2' }), at('2027-03-02T09:00:00Z'))).toBe(true)
    expect(slotSuits(entry({ weekdays: '2' }), at('2027-03-03T09:00:00Z'))).toBe(false)
    // Mornings are 7 to 12 in Berlin: 06:30 UTC is 07:30 there; 05:30 UTC is 06:30.
    expect(slotSuits(entry({ timesOfDay: 'morning' }), at('2027-03-02T06:30:00Z'))).toBe(true)
    expect(slotSuits(entry({ timesOfDay: 'morning' }), at('2027-03-02T05:30:00Z'))).toBe(false)
    expect(slotSuits(entry({ timesOfDay: 'morning,evening' }), at('2027-03-02T17:00:00Z'))).toBe(true)
  })

  it('gives each slot to the first entry it suits, one offer an entry, never a slot offered before', () => {
    const slots = [at('2027-03-02T08:00:00Z'), at('2027-03-02T14:00:00Z')].map((start) => ({ start, end: new Date(start.getTime() + 1_800_000) }))
    const first = { ...entry({ timesOfDay: 'afternoon' }), id: 'first', hasOpenOffer: false, offeredStarts: new Set<number>() }
    const holding = { ...entry(), id: 'holding', hasOpenOffer: true, offeredStarts: new Set<number>() }
    const declined = { ...entry(), id: 'declined', hasOpenOffer: false, offeredStarts: new Set([slots[0]!.start.getTime()]) }
    const last = { ...entry(), id: 'last', hasOpenOffer: false, offeredStarts: new Set<number>() }
    const offers = assignOffers([first, holding, declined, last], slots)
    expect(offers.map((o) => [o.entry.id, o.slot.start.toISOString()])).toEqual([
      ['first', '2027-03-02T14:00:00.000Z'],
      ['last', '2027-03-02T08:00:00.000Z'],
    ])
  })
})
