import { Hono } from 'hono'
import { DoctorPage } from '../../../views/doctors/doctor-page'
import { SearchPage, SearchResults, type SearchPageProps } from '../../../views/doctors/search-page'
import type { AppEnv } from '../../env'
import { renderView } from '../../core/page'
import { ValidationError } from '../../lib/errors'
import { dateKey, DAY_MS, daysWindow, wallTimeIn } from '../../lib/time'
import { fieldErrors } from '../../lib/validator'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { IsoDate } from '../../core/input'
import { SearchQuery } from './schemas'
import { toApiReview } from '../reviews/present'
import { daysPerPage, freeSlotsOf } from '../availability/service'
import { doctorWithSchedule, isValidCursor, listSpecialties, searchWithSpecialties } from './service'

export const doctorRoutes = new Hono<AppEnv>()

const DAYS_SHOWN = 7

// GET /doctors: the search form and its results in one database round trip. htmx asks for the
// results alone; a bad filter shows the form with the problem instead of results.
doctorRoutes.get('/doctors', async (c) => {
  const raw = c.req.query()
  const values = { specialty: raw.specialty, q: raw.q, city: raw.city, language: raw.language, available_on: raw.available_on, min_rating: raw.min_rating, sort: raw.sort }
  const { timezone } = viewerTimeZone(c, 'UTC')
  const parsed = SearchQuery.safeParse(Object.fromEntries(Object.entries(raw).filter(([, v]) => v !== '')))
  const today = dateKey(wallTimeIn(c.var.ctx.now, timezone))
  const refused = async (errors: Record<string, string>): Promise<SearchPageProps> => ({ values, errors, specialties: await listSpecialties(c.var.ctx), results: [], nextCursor: null, timezone, today })
  let props: SearchPageProps
  if (!parsed.success) {
    props = await refused(fieldErrors(parsed.error))
  } else {
    const q = parsed.data
    // "Free on" is a day where the viewer is, as "Next free" is shown.
    const query = { ...q, minRating: q.min_rating, availableOn: q.available_on, timezone, cursor: q.cursor && isValidCursor(q.cursor) ? q.cursor : undefined }
    try {
      const { specialties, items, next_cursor } = await searchWithSpecialties(c.var.ctx, query)
      props = { values, specialties, results: items, nextCursor: next_cursor, timezone, today }
    } catch (err) {
      if (!(err instanceof ValidationError)) throw err
      props = await refused(err.fields ?? {})
    }
  }
  return renderView(c, { title: 'Find a doctor', body: <SearchPage {...props} />, fragment: <SearchResults {...props} />, status: props.errors ? 422 : 200 })
})

// GET /doctors/:id: the profile and a week of free slots in the viewer's zone, one round trip.
doctorRoutes.get('/doctors/:id', async (c) => {
  const now = c.var.ctx.now
  const asked = IsoDate.safeParse(c.req.query('from'))
  // The schedule is read wide enough for the week in any zone (none is 14 hours from UTC).
  const until = new Date((asked.success ? Date.parse(asked.data) : now.getTime()) + (DAYS_SHOWN + 2) * DAY_MS)
  const { profile, schedule, reviews } = await doctorWithSchedule(c.var.ctx, { doctorId: c.req.param('id'), until })
  // Times are in the viewer's zone once known; until then in the doctor's, and the page says so.
  const viewer = viewerTimeZone(c, profile.timezone ?? 'UTC')
  const timezone = viewer.timezone
  const today = dateKey(wallTimeIn(now, timezone))
  const from = asked.success && asked.data > today ? asked.data : today
  // A week, or fewer days for a dense schedule: the page stays small whatever the schedule.
  const week = daysWindow(from, daysPerPage(schedule, DAYS_SHOWN), timezone)
  const slots = freeSlotsOf(schedule, week, now)
  return renderView(c, {
    title: profile.name,
    body: (
      <DoctorPage
        doctor={profile}
        reviews={{ latest: reviews.latest.map(toApiReview), more: reviews.more, distribution: reviews.distribution }}
        slots={slots}
        days={week.days}
        timezone={timezone}
        from={from}
        previousFrom={from > today ? (week.previous < today ? today : week.previous) : undefined}
        nextFrom={week.next}
      />
    ),
  })
})
