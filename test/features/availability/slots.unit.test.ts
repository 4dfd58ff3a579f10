import { describe, expect, it } from 'vitest'
import { findFreeSlots, type AvailabilitySettings, type Interval, type WeeklyRule } from '../../../src/features/availability/slots'
import { toIsoInstant } from '../../../src/lib/time'

const base: AvailabilitySettings = { timezone: 'Europe/Berlin', slotMinutes: 30, bufferMinutes: 0, minNoticeMinutes: 0, maxAdvanceDays: 365 }
const hours = (weekday: number, start: string, end: string): WeeklyRule => {
  const m = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3))
  return { weekday, startMinute: m(start), endMinute: m(end) }
}
const at = (iso: string) => new Date(iso)
const slotsOf = (overrides: {
  settings?: Partial<AvailabilitySettings>
  rules: WeeklyRule[]
  from: string
  to: string
  now?: string
  timeOff?: Interval[]
  booked?: Interval[]
}) =>
  findFreeSlots({
    settings: { ...base, ...overrides.settings },
    rules: overrides.rules,
    timeOff: overrides.timeOff ?? [],
    booked: overrides.booked ?? [],
    from: at(overrides.from),
    to: at(overrides.to),
    now: at(overrides.now ?? '2027-01-01T00:00:00Z'),
  }).map((s) => toIsoInstant(s.start))

describe('findFreeSlots across time zones and daylight saving', () => {
  it.each([
    [
      'an ordinary winter Monday in Berlin (UTC+1)',
      'Europe/Berlin', hours(1, '09:00', '11:00'), '2027-01-11T00:00:00Z', '2027-01-12T00:00:00Z',
      ['2027-01-11T08:00:00Z', '2027-01-11T08:30:00Z', '2027-01-11T09:00:00Z', '2027-01-11T09:30:00Z'],
    ],
    [
      'Berlin springing forward: 02:00–03:00 does not exist',
      'Europe/Berlin', hours(7, '01:00', '04:00'), '2027-03-27T12:00:00Z', '2027-03-28T12:00:00Z',
      ['2027-03-28T00:00:00Z', '2027-03-28T00:30:00Z', '2027-03-28T01:00:00Z', '2027-03-28T01:30:00Z'],
    ],
    [
      'Berlin falling back: the repeated hour is offered once',
      'Europe/Berlin', hours(7, '01:00', '04:00'), '2027-10-30T12:00:00Z', '2027-10-31T12:00:00Z',
      ['2027-10-30T23:00:00Z', '2027-10-30T23:30:00Z', '2027-10-31T00:00:00Z', '2027-10-31T00:30:00Z', '2027-10-31T02:00:00Z', '2027-10-31T02:30:00Z'],
    ],
    [
      'New York springing forward',
      'America/New_York', hours(7, '01:00', '04:00'), '2027-03-14T00:00:00Z', '2027-03-15T00:00:00Z',
      ['2027-03-14T06:00:00Z', '2027-03-14T06:30:00Z', '2027-03-14T07:00:00Z', '2027-03-14T07:30:00Z'],
    ],
    [
      'New York falling back',
      'America/New_York', hours(7, '00:00', '03:00'), '2027-11-07T00:00:00Z', '2027-11-08T00:00:00Z',
      ['2027-11-07T04:00:00Z', '2027-11-07T04:30:00Z', '2027-11-07T05:00:00Z', '2027-11-07T05:30:00Z', '2027-11-07T07:00:00Z', '2027-11-07T07:30:00Z'],
    ],
    [
      'Kolkata, half an hour off UTC',
      'Asia/Kolkata', hours(3, '09:00', '10:00'), '2027-05-05T00:00:00Z', '2027-05-06T00:00:00Z',
      ['2027-05-05T03:30:00Z', '2027-05-05T04:00:00Z'],
    ],
    [
      'hours that run to midnight',
      'UTC', hours(5, '23:00', '24:00'), '2027-05-07T00:00:00Z', '2027-05-09T00:00:00Z',
      ['2027-05-07T23:00:00Z', '2027-05-07T23:30:00Z'],
    ],
  ])('%s', (_label, timezone, rule, from, to, expected) => {
    expect(slotsOf({ settings: { timezone }, rules: [rule], from, to })).toEqual(expected)
  })
})

describe('findFreeSlots rules', () => {
  const monday = { from: '2027-01-11T00:00:00Z', to: '2027-01-12T00:00:00Z' }

  it('leaves the buffer between consecutive slots', () => {
    expect(slotsOf({ settings: { bufferMinutes: 10 }, rules: [hours(1, '09:00', '11:00')], ...monday })).toEqual([
      '2027-01-11T08:00:00Z', '2027-01-11T08:40:00Z', '2027-01-11T09:20:00Z',
    ])
  })

  it('stops a limited search at the limit, with the earliest slots whatever order the ranges come in', () => {
    const first = findFreeSlots({
      settings: { ...base, slotMinutes: 5 },
      rules: [hours(1, '12:00', '24:00'), hours(1, '00:00', '12:00')],
      timeOff: [],
      booked: [],
      from: at(monday.from),
      to: at(monday.to),
      now: at('2027-01-01T00:00:00Z'),
      limit: 2,
    }).map((s) => toIsoInstant(s.start))
    expect(first).toEqual(['2027-01-11T00:00:00Z', '2027-01-11T00:05:00Z'])
  })

  it('joins several ranges in a day and skips the gap between them', () => {
    expect(slotsOf({ rules: [hours(1, '14:00', '15:00'), hours(1, '09:00', '09:30')], ...monday })).toEqual([
      '2027-01-11T08:00:00Z', '2027-01-11T13:00:00Z', '2027-01-11T13:30:00Z',
    ])
  })

  it('drops booked slots and keeps the buffer free around a booking', () => {
    const booked = [{ startAt: at('2027-01-11T09:00:00Z'), endAt: at('2027-01-11T09:30:00Z') }]
    expect(slotsOf({ rules: [hours(1, '09:00', '12:00')], booked, ...monday })).toEqual([
      '2027-01-11T08:00:00Z', '2027-01-11T08:30:00Z', '2027-01-11T09:30:00Z', '2027-01-11T10:00:00Z', '2027-01-11T10:30:00Z',
    ])
    // With a 15-minute buffer the grid is 08:00, 08:45, 09:30, 10:15 (UTC); the booking and its
    // buffer, 08:45–09:45, take the two in the middle.
    expect(slotsOf({ settings: { bufferMinutes: 15 }, rules: [hours(1, '09:00', '12:00')], booked, ...monday })).toEqual([
      '2027-01-11T08:00:00Z', '2027-01-11T10:15:00Z',
    ])
  })

  it('drops time off, including leave that spans days', () => {
    const timeOff = [{ startAt: at('2027-01-10T12:00:00Z'), endAt: at('2027-01-12T09:00:00Z') }]
    const rules = [hours(1, '09:00', '10:00'), hours(2, '09:00', '11:00')]
    expect(slotsOf({ rules, timeOff, from: '2027-01-11T00:00:00Z', to: '2027-01-13T00:00:00Z' })).toEqual([
      '2027-01-12T09:00:00Z', '2027-01-12T09:30:00Z',
    ])
  })

  it('respects the minimum notice and the maximum advance', () => {
    const rules = [1, 2, 3].map((d) => hours(d, '09:00', '10:00'))
    const result = slotsOf({
      settings: { minNoticeMinutes: 120, maxAdvanceDays: 1 },
      rules,
      from: '2027-01-11T00:00:00Z',
      to: '2027-01-14T00:00:00Z',
      now: '2027-01-11T06:30:00Z',
    })
    expect(result).toEqual(['2027-01-11T08:30:00Z'])
  })

  it('offers nothing for a range in the past or an empty week', () => {
    expect(slotsOf({ rules: [hours(1, '09:00', '10:00')], ...monday, now: '2027-02-01T00:00:00Z' })).toEqual([])
    expect(slotsOf({ rules: [], ...monday })).toEqual([])
  })
})

describe('findFreeSlots over a whole year', () => {
  // Every slot must show, on the doctor's wall clock, a start its rules allow: this checks the
  // quick path for ordinary days against Intl on every day of a year, DST days included.
  it.each(['America/New_York', 'Europe/Berlin', 'Asia/Kolkata', 'Australia/Lord_Howe', 'Pacific/Chatham', 'America/Sao_Paulo'])('places every slot at a working wall-clock time in %s', (timezone) => {
    const rules = [1, 2, 3, 4, 5, 6, 7].flatMap((weekday) => [hours(weekday, '00:00', '03:00'), hours(weekday, '22:00', '24:00')])
    const slots = findFreeSlots({ settings: { ...base, timezone }, rules, timeOff: [], booked: [], from: at('2027-01-01T00:00:00Z'), to: at('2028-01-01T00:00:00Z'), now: at('2026-12-31T00:00:00Z') })
    const formatter = new Intl.DateTimeFormat('en-CA', { timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' })
    const allowed = new Set(rules.map((r) => r.startMinute).flatMap((start) => Array.from({ length: start === 0 ? 6 : 4 }, (_, i) => start + i * 30)))
    const perDate = new Map<string, number>()
    for (const slot of slots) {
      const [date, time] = formatter.format(slot.start).split(', ')
      const [hour, minute] = time!.split(':').map(Number)
      expect(allowed.has(hour! * 60 + minute!), `${slot.start.toISOString()} shows ${time}`).toBe(true)
      perDate.set(date!, (perDate.get(date!) ?? 0) + 1)
    }
    // Ten slots every local day; only the two cut by the range's ends and the days clocks change
    // (a skipped hour or half hour) may have fewer.
    const short = [...perDate.values()].filter((n) => n !== 10)
    expect(short.length).toBeLessThanOrEqual(4)
    expect(perDate.size).toBeGreaterThanOrEqual(365)
  })

  it('stops at the first day that reaches the limit, agreeing with the full list', () => {
    const rules = [hours(2, '09:00', '12:00'), hours(4, '14:00', '15:00')]
    const input = { settings: base, rules, timeOff: [], booked: [], from: at('2027-01-01T00:00:00Z'), to: at('2027-03-01T00:00:00Z'), now: at('2027-01-01T00:00:00Z') }
    const all = findFreeSlots(input)
    expect(findFreeSlots({ ...input, limit: 1 })).toEqual(all.slice(0, 1))
    expect(findFreeSlots({ ...input, limit: 8 })).toEqual(all.slice(0, 8))
  })
})
