import type { Db } from '../../db/client'
import { fromBase64Url, toBase64Url } from '../../lib/encoding'
import { BadRequestError, NotFoundError } from '../../lib/errors'
import { toIsoInstant } from '../../lib/time'
import { assembleSchedules, findSchedules, scheduleStatements } from '../availability/queries'
import { slotsFromSchedule } from '../availability/service'
import { doctorProfileStatements, findDoctors, type DoctorFilters } from './queries'

const DAY = 24 * 3_600_000
// How far ahead "next available" looks, and how many matches a search ranks at most.
const LOOKAHEAD_DAYS = 30
const CANDIDATE_CAP = 200

export type SearchQuery = DoctorFilters & { availableOn?: string; sort: 'soonest' | 'rating' | 'fee'; limit: number; cursor?: string }

type Row = Awaited<ReturnType<typeof findDoctors>>[number]

function toApiDoctor(row: Row, nextAvailable: Date | undefined) {
  return {
    id: row.id,
    name: row.name,
    specialty: row.specialty,
    city: row.city,
    languages: row.languages ? row.languages.split(',').sort() : [],
    fee_cents: row.feeCents,
    currency: row.currency,
    rating: row.rating === null ? null : Math.round(row.rating * 10) / 10,
    review_count: row.reviewCount,
    next_available_at: nextAvailable ? toIsoInstant(nextAvailable) : null,
  }
}

// The cursor is an opaque position in the ranked list.
const encodeCursor = (offset: number) => toBase64Url(new TextEncoder().encode(JSON.stringify({ o: offset })))
function decodeCursor(cursor: string | undefined): number {
  if (!cursor) return 0
  try {
    const { o } = JSON.parse(new TextDecoder().decode(fromBase64Url(cursor))) as { o: unknown }
    if (typeof o === 'number' && Number.isInteger(o) && o >= 0) return o
  } catch {
    // fall through
  }
  throw new BadRequestError('The cursor is not valid; start the list again.')
}

// Two round trips: the matching doctors, then their schedules for the slots that rank them.
export async function searchDoctors(db: Db, query: SearchQuery, now = new Date()) {
  const offset = decodeCursor(query.cursor)
  const candidates = await findDoctors(db, query, CANDIDATE_CAP)
  const from = query.availableOn ? new Date(`${query.availableOn}T00:00:00Z`) : now
  const to = query.availableOn ? new Date(from.getTime() + DAY) : new Date(now.getTime() + LOOKAHEAD_DAYS * DAY)
  const schedules = await findSchedules(db, candidates.map((d) => d.id), from, to)
  const ranked = candidates
    .map((row) => ({ row, next: slotsFromSchedule(schedules.get(row.id), from, to, now)[0]?.start }))
    .filter((d) => !query.availableOn || d.next !== undefined)
    .sort(compareBy(query.sort))
  const page = ranked.slice(offset, offset + query.limit)
  return {
    items: page.map((d) => toApiDoctor(d.row, d.next)),
    next_cursor: offset + query.limit < ranked.length ? encodeCursor(offset + query.limit) : null,
  }
}

type Ranked = { row: Row; next: Date | undefined }
const last = Number.POSITIVE_INFINITY
function compareBy(sort: SearchQuery['sort']) {
  return (a: Ranked, b: Ranked) => {
    const primary =
      sort === 'rating'
        ? (b.row.rating ?? -1) - (a.row.rating ?? -1)
        : sort === 'fee'
          ? a.row.feeCents - b.row.feeCents
          : (a.next?.getTime() ?? last) - (b.next?.getTime() ?? last)
    return primary || a.row.name.localeCompare(b.row.name) || a.row.id.localeCompare(b.row.id)
  }
}

export async function getDoctorProfile(db: Db, doctorId: string, now = new Date()) {
  const until = new Date(now.getTime() + LOOKAHEAD_DAYS * DAY)
  const [[row], types, ...scheduleRows] = await db.batch([...doctorProfileStatements(db, doctorId), ...scheduleStatements(db, [doctorId], now, until)])
  if (!row) throw new NotFoundError('No such doctor.')
  const schedules = assembleSchedules(scheduleRows)
  const next = slotsFromSchedule(schedules.get(doctorId), now, until, now)[0]?.start
  return {
    ...toApiDoctor(row, next),
    bio: row.bio,
    qualifications: row.qualifications,
    timezone: schedules.get(doctorId)?.settings.timezone ?? null,
    consultation_types: types.map((t) => ({ type: t.type, duration_minutes: t.durationMinutes })),
  }
}
