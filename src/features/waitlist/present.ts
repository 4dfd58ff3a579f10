import { toIsoInstant } from '../../lib/time'
import type { myWaitlists } from './service'

type EntryRow = Awaited<ReturnType<typeof myWaitlists>>[number]

const listOf = (csv: string) => (csv ? csv.split(',') : [])

export const toApiWaitlistEntry = (e: EntryRow) => ({
  id: e.id,
  doctor: { id: e.doctorId, name: e.doctorName, specialty: e.specialty },
  from: e.fromDate,
  to: e.toDate,
  weekdays: listOf(e.weekdays).map(Number),
  times_of_day: listOf(e.timesOfDay),
  timezone: e.timezone,
  type: e.type,
  reason: e.reason,
  status: e.status,
  created_at: toIsoInstant(e.createdAt),
  // The slot held for this entry right now, if any.
  offer: e.offerId && e.offerStart && e.offerExpiresAt ? { id: e.offerId, start: toIsoInstant(e.offerStart), expires_at: toIsoInstant(e.offerExpiresAt) } : null,
})
export type ApiWaitlistEntry = ReturnType<typeof toApiWaitlistEntry>
