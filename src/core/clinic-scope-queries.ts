import { sql, type AnyColumn, type SQL } from 'drizzle-orm'
import { appointments, doctors, users } from '../db/schema'
import { isClinicScoped, type Scoped } from './clinic-scope'

// The clinic rule (clinic-scope.ts) as SQL, for the queries that read what it limits.

/** SQL true when the doctor in `doctorId` works at the clinic (no clinic: never). */
export function doctorOfClinic(clinicId: string | null, doctorId: AnyColumn | SQL): SQL {
  if (!clinicId) return sql`0`
  return sql`${doctorId} in (select clinic_doctor.id from ${doctors} as clinic_doctor where clinic_doctor.clinic_id = ${clinicId})`
}

/** The condition a list of doctors (or anything of theirs) is filtered by for the actor; undefined: all. */
export function doctorScope(actor: Scoped, doctorId: AnyColumn | SQL): SQL | undefined {
  return isClinicScoped(actor) ? doctorOfClinic(actor.clinicId, doctorId) : undefined
}

/**
 * SQL true when the user in `userId` belongs to the clinic: one of its admins, one of its doctors,
 * or a patient with an appointment with one of its doctors. For people lists and the audit log.
 */
export function personOfClinic(clinicId: string | null, userId: AnyColumn | SQL): SQL {
  if (!clinicId) return sql`0`
  return sql`(${userId} in (select clinic_admin.id from ${users} as clinic_admin where clinic_admin.clinic_id = ${clinicId})
    or ${userId} in (select clinic_doctor.user_id from ${doctors} as clinic_doctor where clinic_doctor.clinic_id = ${clinicId})
    or ${userId} in (select clinic_visit.patient_id from ${appointments} as clinic_visit where ${doctorOfClinic(clinicId, sql`clinic_visit.doctor_id`)}))`
}

/** The condition a list of people is filtered by for the actor; undefined: everyone. */
export function peopleScope(actor: Scoped, userId: AnyColumn | SQL): SQL | undefined {
  return isClinicScoped(actor) ? personOfClinic(actor.clinicId, userId) : undefined
}
