import { and, asc, eq } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { specialties } from '../../db/schema'

export function findActiveSpecialties(db: Db) {
  return db
    .select({ id: specialties.id, name: specialties.name, slug: specialties.slug })
    .from(specialties)
    .where(eq(specialties.active, true))
    .orderBy(asc(specialties.name))
}

// A specialty a doctor may practise under (no row if unknown or retired).
export function activeSpecialtyStatement(db: Db, specialtyId: string) {
  return db.select({ id: specialties.id }).from(specialties).where(and(eq(specialties.id, specialtyId), eq(specialties.active, true)))
}
