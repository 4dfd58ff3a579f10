import { and, eq, inArray, sql } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { doctors, specialties, users } from '../../db/schema'
import type { DoctorStatus } from '../../db/schema/enums'
import type { Actor } from '../../core/actor'
import { doctorScope } from '../../core/clinic-scope-queries'

function applicantSelect(db: Db) {
  return db
    .select({
      id: doctors.id,
      userId: users.id,
      name: users.name,
      email: users.email,
      licenseNumber: doctors.licenseNumber,
      specialty: specialties.name,
      status: doctors.status,
      statusReason: doctors.statusReason,
      bio: doctors.bio,
      createdAt: doctors.createdAt,
      verifiedAt: doctors.verifiedAt,
    })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
}

// An applicant the actor may decide on (a clinic admin: their clinic's only; core/clinic-scope.ts).
export const applicantStatement = (db: Db, actor: Actor, doctorId: string) => applicantSelect(db).where(and(eq(doctors.id, doctorId), doctorScope(actor, doctors.id)))
export type Applicant = Awaited<ReturnType<typeof applicantStatement>>[number]

/** True (in SQL) when the doctor is as a decision just written left them: the condition for its notice. */
export const decidedNow = (doctorId: string, decision: { status: DoctorStatus; at: Date }) =>
  sql`exists (select 1 from ${doctors} where ${doctors.id} = ${doctorId} and ${doctors.status} = ${decision.status} and ${doctors.updatedAt} = ${decision.at.getTime()})`

type Decision = { to: DoctorStatus; from: DoctorStatus[]; reason: string | null; adminId: string; now: Date }

// The decision, written only if the application is in a status it may start from.
export function decideStatement(db: Db, doctorId: string, decision: Decision) {
  const { to, from, reason, adminId, now } = decision
  return db
    .update(doctors)
    .set({ status: to, statusReason: reason, verifiedAt: to === 'verified' ? now : null, verifiedBy: adminId, updatedAt: now })
    .where(and(eq(doctors.id, doctorId), inArray(doctors.status, from)))
    .returning({ id: doctors.id })
}
