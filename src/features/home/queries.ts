import { and, asc, count, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctors, specialties, users } from '../../db/schema'
import { bookableDoctorCondition } from '../availability/queries'

// Everything the home page shows, in one round trip: the specialties someone can be booked in,
// each with its number of bookable doctors (a specialty with none is a dead end, so it is left
// out), and the number of bookable doctors in all.
export async function findHomePageData(db: Db) {
  const [specialtyRows, [doctorCount]] = await db.batch([
    db
      .select({ id: specialties.id, name: specialties.name, slug: specialties.slug, doctorCount: count(doctors.id) })
      .from(specialties)
      .innerJoin(doctors, eq(doctors.specialtyId, specialties.id))
      .innerJoin(users, eq(users.id, doctors.userId))
      .where(and(eq(specialties.active, true), bookableDoctorCondition()))
      .groupBy(specialties.id)
      .orderBy(asc(specialties.name)),
    db.select({ value: count() }).from(doctors).innerJoin(users, eq(users.id, doctors.userId)).where(bookableDoctorCondition()),
  ])
  return { specialties: specialtyRows, verifiedDoctorCount: doctorCount?.value ?? 0 }
}
