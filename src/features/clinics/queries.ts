import { asc, eq, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { clinics, doctors, users } from '../../db/schema'
import type { ClinicInput } from './schemas'

const OUTER_CLINIC = sql.raw('"clinics"."id"')

const clinicColumns = {
  id: clinics.id,
  name: clinics.name,
  address: clinics.address,
  phone: clinics.phone,
  email: clinics.email,
  createdAt: clinics.createdAt,
  // Drizzle leaves the columns of a one-table select unqualified, where a subquery would read
  // them as its own: the outer clinic is named in full.
  doctors: sql<number>`(select count(*) from ${doctors} as d where d.clinic_id = ${OUTER_CLINIC})`.mapWith(Number),
  admins: sql<number>`(select count(*) from ${users} as u where u.clinic_id = ${OUTER_CLINIC} and u.status = 'active')`.mapWith(Number),
}

/** Clinics by name with their doctor and admin counts; only `onlyId` when given (a clinic admin's own). */
export function clinicsStatement(db: Db, onlyId?: string | null) {
  const query = db.select(clinicColumns).from(clinics)
  return (onlyId === undefined ? query : query.where(eq(clinics.id, onlyId ?? ''))).orderBy(asc(sql`lower(${clinics.name})`))
}

export const clinicStatement = (db: Db, id: string) => db.select(clinicColumns).from(clinics).where(eq(clinics.id, id))

/** Names only, for the selects that assign a doctor or an admin to a clinic or filter by one (none when `none`). */
export const clinicChoicesStatement = (db: Db, none = false) =>
  db
    .select({ id: clinics.id, name: clinics.name })
    .from(clinics)
    .where(none ? sql`0` : undefined)
    .orderBy(asc(sql`lower(${clinics.name})`))

export const clinicDoctorsStatement = (db: Db, clinicId: string) =>
  db
    .select({ id: doctors.id, name: users.name, status: doctors.status })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .where(eq(doctors.clinicId, clinicId))
    .orderBy(asc(users.name))

export const insertClinicStatement = (db: Db, input: ClinicInput) => db.insert(clinics).values(input).returning({ id: clinics.id })

export const updateClinicStatement = (db: Db, id: string, input: ClinicInput, now: Date) => db.update(clinics).set({ ...input, updatedAt: now }).where(eq(clinics.id, id)).returning({ id: clinics.id })
