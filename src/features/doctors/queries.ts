import { and, desc, eq, gte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctorConsultationTypes, doctorLanguages, doctors, specialties, users } from '../../db/schema'
import { bookableDoctorCondition, scheduleStatements } from '../availability/queries'
import { hasPlanFeatureSql } from '../plans/queries'

export type DoctorFilters = { specialty?: string; q?: string; city?: string; language?: string; minRating?: number }

// LIKE with the user's text taken literally: % and _ in a search are characters, not wildcards.
function contains(column: SQL | typeof users.name, text: string) {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)
  return sql`lower(${column}) like ${`%${escaped}%`} escape '\\'`
}

const languagesOf = sql<string>`(select group_concat(${doctorLanguages.language}, ',') from ${doctorLanguages} where ${doctorLanguages.doctorId} = ${doctors.id})`

// Listed first in search: the doctor's plan in force has the featured listing.
const featuredSql = (now: Date) => sql<boolean>`${hasPlanFeatureSql(sql.raw('"doctors"."id"'), 'featured_listing', now)}`

const doctorColumns = {
  id: doctors.id,
  name: users.name,
  specialty: specialties.name,
  specialtySlug: specialties.slug,
  city: doctors.city,
  practiceAddress: doctors.practiceAddress,
  bio: doctors.bio,
  qualifications: doctors.qualifications,
  languages: languagesOf,
  feeCents: doctors.feeCents,
  currency: doctors.currency,
  rating: doctors.ratingAverage,
  reviewCount: doctors.reviewCount,
  // The specialty's booking questionnaire (features/intake).
  intakeSymptoms: specialties.intakeSymptoms,
  intakeRedFlags: specialties.intakeRedFlags,
}

function doctorSelect(db: Db, featuredAt?: Date) {
  return db
    .select({ ...doctorColumns, featured: featuredAt ? featuredSql(featuredAt).mapWith(Boolean) : sql<boolean>`0`.mapWith(Boolean) })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
}

function matching(filters: DoctorFilters) {
  return and(
        bookableDoctorCondition(),
        filters.specialty ? sql`(${specialties.slug} = ${filters.specialty} or ${specialties.id} = ${filters.specialty})` : undefined,
        filters.q ? contains(users.name, filters.q) : undefined,
        filters.city ? contains(sql`${doctors.city}`, filters.city) : undefined,
        filters.language
          ? sql`exists (select 1 from ${doctorLanguages} where ${doctorLanguages.doctorId} = ${doctors.id} and lower(${doctorLanguages.language}) = ${filters.language.toLowerCase()})`
          : undefined,
        filters.minRating ? gte(doctors.ratingAverage, filters.minRating) : undefined,
  )
}

// Verified, active doctors matching the filters (at most `cap`, the candidates a search ranks:
// featured ones — their plan's feature — first), and their schedules over [from, to): one batch,
// one round trip.
export function doctorSearchStatements(db: Db, filters: DoctorFilters, cap: number, window: { from: Date; to: Date; now: Date }) {
  const featured = featuredSql(window.now)
  const candidateIds = db
    .select({ id: doctors.id })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .where(matching(filters))
    .orderBy(desc(featured), users.name)
    .limit(cap)
  const candidates = doctorSelect(db, window.now).where(matching(filters)).orderBy(desc(featured), users.name).limit(cap)
  return [candidates, ...scheduleStatements(db, candidateIds, window.from, window.to, window.now)] as const
}

export function doctorProfileStatements(db: Db, doctorId: string) {
  return [
    doctorSelect(db).where(and(eq(doctors.id, doctorId), bookableDoctorCondition())),
    db.select().from(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId)),
  ] as const
}

