import { asc, count, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctors, specialties } from '../../db/schema'

// Everything the home page shows, in one round trip.
export async function findHomePageData(db: Db) {
  const [specialtyRows, [doctorCount]] = await db.batch([
    db
      .select({ id: specialties.id, name: specialties.name, slug: specialties.slug })
      .from(specialties)
      .where(eq(specialties.active, true))
      .orderBy(asc(specialties.name)),
    db.select({ value: count() }).from(doctors).where(eq(doctors.status, 'verified')),
  ])
  return { specialties: specialtyRows, verifiedDoctorCount: doctorCount?.value ?? 0 }
}
