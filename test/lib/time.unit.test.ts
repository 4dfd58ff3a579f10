import { describe, expect, it } from 'vitest'
import { instantFromWallTime, isoWeekday, isValidTimeZone, toIsoInstant, zoneOffsetMinutes } from '../../src/lib/time'

describe('instantFromWallTime', () => {
  const cases = [
    // zone, date, wall time, expected UTC instant
    ['Europe/Berlin', '2027-01-12', '09:30', '2027-01-12T08:30:00Z'],
    ['Europe/Berlin', '2027-07-12', '09:30', '2027-07-12T07:30:00Z'],
    // Spring forward (28 March 2027, 02:00 → 03:00): 02:30 does not exist; the next valid instant.
    ['Europe/Berlin', '2027-03-28', '02:30', '2027-03-28T01:30:00Z'],
    ['Europe/Berlin', '2027-03-28', '03:00', '2027-03-28T01:00:00Z'],
    // Fall back (31 October 2027, 03:00 → 02:00): 02:30 happens twice; the first one.
    ['Europe/Berlin', '2027-10-31', '02:30', '2027-10-31T00:30:00Z'],
    ['America/New_York', '2027-03-14', '09:00', '2027-03-14T13:00:00Z'],
    ['America/New_York', '2027-03-13', '09:00', '2027-03-13T14:00:00Z'],
    ['America/New_York', '2027-11-07', '01:30', '2027-11-07T05:30:00Z'],
    ['Asia/Kolkata', '2027-05-03', '10:00', '2027-05-03T04:30:00Z'],
    ['UTC', '2027-05-03', '23:59', '2027-05-03T23:59:00Z'],
  ] as const
  it.each(cases)('in %s, %s at %s is %s', (zone, date, time, expected) => {
    const [year, month, day] = date.split('-').map(Number) as [number, number, number]
    const [h, m] = time.split(':').map(Number) as [number, number]
    expect(toIsoInstant(instantFromWallTime({ year, month, day }, h * 60 + m, zone))).toBe(expected)
  })
})

describe('time zone helpers', () => {
  it('knows offsets, including half-hour zones', () => {
    expect(zoneOffsetMinutes(new Date('2027-01-01T00:00:00Z'), 'Asia/Kolkata')).toBe(330)
    expect(zoneOffsetMinutes(new Date('2027-07-01T00:00:00Z'), 'America/New_York')).toBe(-240)
  })

  it('validates IANA names', () => {
    expect(isValidTimeZone('Europe/Berlin')).toBe(true)
    expect(isValidTimeZone('Mars/Olympus')).toBe(false)
  })

  it('numbers weekdays from Monday = 1 to Sunday = 7', () => {
    expect(isoWeekday({ year: 2027, month: 3, day: 15 })).toBe(1)
    expect(isoWeekday({ year: 2027, month: 3, day: 14 })).toBe(7)
  })
})
