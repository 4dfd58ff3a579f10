import type { RequestContext } from '../../core/context'
import type { Db } from '../../db/client'
import { fromBase64Url, toBase64Url } from '../../lib/encoding'
import { BadRequestError, NotFoundError, ValidationError } from '../../lib/errors'
import { addDays, DAY_MS, instantFromWallTime, parseDateKey, toIsoInstant } from '../../lib/time'
import { assembleSchedules, scheduleStatements } from '../availability/queries'
import { nextFreeSlot } from '../availability/service'
import { findActiveSpecialties } from '../specialties/queries'
import { latestReviewsStatements, spread } from '../reviews/service'
import { questionnaireOf } from '../intake/questionnaire'
import { doctorProfileStatements, doctorSearchStatements, type DoctorFilters } from './queries'

// How far ahead "next available" looks, and how many matches a search ranks at most.
const LOOKAHEAD_DAYS = 30
const CANDIDATE_CAP = 200
// Reviews shown on a doctor's page (the rest on their reviews page).
const LATEST_REVIEWS = 3

// `availableOn` is a day in `timezone` (UTC unless given).
export type SearchQuery = DoctorFilters & { availableOn?: string; timezone?: string; sort: 'soonest' | 'rating' | 'fee'; limit: number; cursor?: string }

type SearchRows = Awaited<ReturnType<typeof runSearch>>
type Row = SearchRows[0][number]

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
    // On a plan with the featured listing (listed first by default, and marked).
    featured: row.featured,
  }
}

/** Whether a search cursor is one this service issued (a bad one is a 400, not an empty page). */
export function isValidCursor(cursor: string): boolean {
  try {
    decodeCursor(cursor)
    return true
  } catch {
    return false
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

// The search as statements, so a page can batch its own queries with them.
function searchStatements(db: Db, query: SearchQuery, now: Date) {
  decodeCursor(query.cursor)
  const { from, to } = searchWindow(query, now)
  return doctorSearchStatements(db, query, CANDIDATE_CAP, { from, to, now })
}

// The times a search looks at: the asked day in the viewer's zone (from now on, if it is today),
// or the weeks ahead. A day already over is refused, with the reason.
function searchWindow(query: SearchQuery, now: Date) {
  if (!query.availableOn) return { from: now, to: new Date(now.getTime() + LOOKAHEAD_DAYS * DAY_MS) }
  const zone = query.timezone ?? 'UTC'
  const day = parseDateKey(query.availableOn)
  const start = instantFromWallTime(day, 0, zone)
  const end = instantFromWallTime(addDays(day, 1), 0, zone)
  if (end <= now) throw new ValidationError({ available_on: 'is in the past: choose today or a later day' })
  return { from: start > now ? start : now, to: end }
}

/** Verified doctors matching the filters, ranked by the slots they have, in one round trip. */
export async function searchDoctors(ctx: RequestContext, query: SearchQuery) {
  return rankSearch(query, await runSearch(ctx.db, query, ctx.now), ctx.now)
}

function runSearch(db: Db, query: SearchQuery, now: Date) {
  return db.batch(searchStatements(db, query, now))
}

/** The search page's data in one round trip: the specialties for its form and the ranked results. */
export async function searchWithSpecialties(ctx: RequestContext, query: SearchQuery) {
  const [specialties, ...rows] = await ctx.db.batch([findActiveSpecialties(ctx.db), ...searchStatements(ctx.db, query, ctx.now)])
  return { specialties, ...rankSearch(query, rows, ctx.now) }
}

/** The specialties a search can filter by. */
export function listSpecialties(ctx: RequestContext) {
  return findActiveSpecialties(ctx.db)
}

function rankSearch(query: SearchQuery, [candidates, ...scheduleRows]: SearchRows, now: Date) {
  const offset = decodeCursor(query.cursor)
  const { from, to } = searchWindow(query, now)
  const schedules = assembleSchedules(scheduleRows)
  const ranked = candidates
    .map((row) => ({ row, next: nextFreeSlot(schedules.get(row.id), { from, to }, now)?.start }))
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
    // Featured doctors lead the default order; an order the patient chose (rating, fee) is kept as asked.
    const featured = sort === 'soonest' ? Number(b.row.featured) - Number(a.row.featured) : 0
    return featured || primary || a.row.name.localeCompare(b.row.name) || a.row.id.localeCompare(b.row.id)
  }
}

/** A verified doctor's public profile with their next free slot; anyone else is not found. */
export async function getDoctorProfile(ctx: RequestContext, doctorId: string) {
  return (await doctorWithSchedule(ctx, { doctorId, until: ctx.now })).profile
}

/**
 * A bookable doctor's profile and schedule in one round trip. The schedule is read from now to
 * the later of `until` and the look-ahead, so the next free slot and the slots of the asked
 * window come from the same batch.
 */
export async function doctorWithSchedule(ctx: RequestContext, input: { doctorId: string; until: Date }) {
  const { db, now } = ctx
  const { doctorId, until } = input
  const lookahead = new Date(now.getTime() + LOOKAHEAD_DAYS * DAY_MS)
  const end = until > lookahead ? until : lookahead
  const [[row], types, latest, distribution, ...scheduleRows] = await db.batch([
    ...doctorProfileStatements(db, doctorId),
    ...latestReviewsStatements(ctx, doctorId, LATEST_REVIEWS),
    ...scheduleStatements(db, [doctorId], now, end, now),
  ])
  if (!row) throw new NotFoundError('No such doctor.')
  const schedule = assembleSchedules(scheduleRows).get(doctorId)
  const next = nextFreeSlot(schedule, { from: now, to: lookahead }, now)?.start
  const profile = {
    ...toApiDoctor(row, next),
    bio: row.bio,
    qualifications: row.qualifications,
    timezone: schedule?.settings.timezone ?? null,
    // What each type costs: its own fee, else the standard one.
    consultation_types: types.map((t) => ({ type: t.type, duration_minutes: t.durationMinutes, fee_cents: t.feeCents ?? row.feeCents })),
    // Where in-person visits happen, for a doctor who offers them.
    practice_address: types.some((t) => t.type === 'in_person') ? row.practiceAddress : null,
  }
  // The latest published reviews and how the stars are spread, for the profile page.
  const reviews = { latest: latest.slice(0, LATEST_REVIEWS), more: latest.length > LATEST_REVIEWS, distribution: spread(distribution) }
  return { profile, schedule, reviews, questionnaire: questionnaireOf(row) }
}
