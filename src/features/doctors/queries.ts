import { and, eq, gte, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctorConsultationTypes, doctorLanguages, doctors, specialties, users } from '../../db/schema'
import { bookableDoctorCondition, scheduleStatements } from '../availability/queries'

export type DoctorFilters = { specialty?: string; q?: string; city?: string; language?: string; minRating?: number }

// LIKE with the user's text taken literally: % and _ in a search are characters, not wildcards.
function contains(column: SQL | typeof users.name, text: string) {
  const escaped = text.toLowerCase().replace(/[\\%_]/g, (ch) => `\\${ch}`)
  return sql`lower(${column}) like ${`%${escaped}%`} escape '\\'`
}

const languagesOf = sql<string>`(select group_concat(${doctorLanguages.language}, ',') from ${doctorLanguages} where ${doctorLanguages.doctorId} = ${doctors.id})`

function doctorSelect(db: Db) {
  return db
    .select({
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
    })
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

// Verified, active doctors matching the filters (at most `cap`, the candidates a search ranks),
// and their schedules over [from, to): one batch, one round trip.
export function doctorSearchStatements(db: Db, filters: DoctorFilters, cap: number, from: Date, to: Date) {
  const candidateIds = db
    .select({ id: doctors.id })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .where(matching(filters))
    .orderBy(users.name)
    .limit(cap)
  return [doctorSelect(db).where(matching(filters)).orderBy(users.name).limit(cap), ...scheduleStatements(db, candidateIds, from, to)] as const
}

export function doctorProfileStatements(db: Db, doctorId: string) {
  return [
    doctorSelect(db).where(and(eq(doctors.id, doctorId), bookableDoctorCondition())),
    db.select().from(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId)),
  ] as const
}

