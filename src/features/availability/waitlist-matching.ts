import type { TimeOfDay } from '../../db/schema/enums'
import { dateKey, isoWeekday, wallTimeIn } from '../../lib/time'

// Which freed slot suits which waiting patient, as they said it in their own zone. Pure, so the
// offer service and its tests share one rule.

export type WaitPreferences = { fromDate: string; toDate: string; weekdays: string; timesOfDay: string; timezone: string }

// Times of day by the hour a visit starts.
const TIME_OF_DAY_HOURS: Record<TimeOfDay, [number, number]> = { morning: [7, 12], afternoon: [12, 17], evening: [17, 22] }

const listOf = (csv: string) => (csv ? csv.split(',') : [])

// "Today" in the zone furthest behind UTC: no waiting patient anywhere has a day earlier than it,
// so an entry whose last day is before it is over everywhere.
export const earliestToday = (now: Date) => dateKey(wallTimeIn(now, 'Etc/GMT+12'))

export function slotSuits(entry: WaitPreferences, start: Date): boolean {
  const local = wallTimeIn(start, entry.timezone)
  const day = dateKey(local)
  if (day < entry.fromDate || day > entry.toDate) return false
  const weekdays = listOf(entry.weekdays)
  if (weekdays.length && !weekdays.includes(String(isoWeekday(local)))) return false
  const times = listOf(entry.timesOfDay) as TimeOfDay[]
  return !times.length || times.some((t) => local.hour >= TIME_OF_DAY_HOURS[t][0] && local.hour < TIME_OF_DAY_HOURS[t][1])
}

/**
 * First come, first served: each waiting entry (oldest first) that holds no open offer gets the
 * earliest free slot that suits it and that it was not offered before; a slot goes to one entry.
 */
export function assignOffers<E extends WaitPreferences & { id: string; hasOpenOffer: boolean; offeredStarts: Set<number> }>(entries: E[], freeSlots: { start: Date; end: Date }[]) {
  const taken = new Set<number>()
  const offers: { entry: E; slot: { start: Date; end: Date } }[] = []
  for (const entry of entries) {
    if (entry.hasOpenOffer) continue
    const slot = freeSlots.find((s) => !taken.has(s.start.getTime()) && !entry.offeredStarts.has(s.start.getTime()) && slotSuits(entry, s.start))
    if (!slot) continue
    taken.add(slot.start.getTime())
    offers.push({ entry, slot })
  }
  return offers
}
