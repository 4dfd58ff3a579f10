import { and, asc, desc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctors, specialties } from '../../db/schema'

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

/** Every specialty, active first, with how many verified doctors practise under it. */
export const allSpecialtiesStatement = (db: Db) =>
  db
    .select({
      id: specialties.id,
      name: specialties.name,
      slug: specialties.slug,
      active: specialties.active,
      // The outer specialty named in full: Drizzle leaves a one-table select's columns
      // unqualified, and the subquery would read them as its own (every count was 0).
      doctors: sql<number>`(select count(*) from ${doctors} as d where d.specialty_id = "specialties"."id" and d.status = 'verified')`.mapWith(Number),
    })
    .from(specialties)
    .orderBy(desc(specialties.active), asc(specialties.name))

export const insertSpecialtyStatement = (db: Db, row: { name: string; slug: string }) => db.insert(specialties).values(row).returning({ id: specialties.id })

export const updateSpecialtyStatement = (db: Db, id: string, change: { name?: string; active?: boolean }) => db.update(specialties).set(change).where(eq(specialties.id, id)).returning({ id: specialties.id })

export const specialtyStatement = (db: Db, id: string) => db.select().from(specialties).where(eq(specialties.id, id))
