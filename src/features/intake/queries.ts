import { and, eq, sql, type SQL } from 'drizzle-orm'
import type { Db } from '../../db/client'
import { appointmentIntakes, appointments, doctors, specialties } from '../../db/schema'
import { mayReadVisit, visitReadAudit, type RecordReader } from '../../core/record-access'

/** The questionnaire lists of the doctor's specialty. */
export function doctorQuestionnaireStatement(db: Db, doctorId: string) {
  return db
    .select({ intakeSymptoms: specialties.intakeSymptoms, intakeRedFlags: specialties.intakeRedFlags })
    .from(doctors)
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .where(eq(doctors.id, doctorId))
}

export function specialtyQuestionnaireStatement(db: Db, specialtyId: string) {
  return db.select({ id: specialties.id, name: specialties.name, intakeSymptoms: specialties.intakeSymptoms, intakeRedFlags: specialties.intakeRedFlags }).from(specialties).where(eq(specialties.id, specialtyId))
}

export function saveQuestionnaireStatement(db: Db, specialtyId: string, lists: { symptoms: string[]; redFlags: string[] }) {
  return db.update(specialties).set({ intakeSymptoms: lists.symptoms, intakeRedFlags: lists.redFlags }).where(eq(specialties.id, specialtyId)).returning({ id: specialties.id })
}

/** The sealed answers, written in the booking's batch only where `written` (the appointment was). */
export function insertIntakeStatement(db: Db, row: { appointmentId: string; answersSealed: string; redFlag: boolean; now: Date }, written: SQL) {
  return db.run(sql`insert into ${appointmentIntakes} (appointment_id, answers_sealed, red_flag, created_at)
    select ${row.appointmentId}, ${row.answersSealed}, ${row.redFlag ? 1 : 0}, ${row.now.getTime()} where ${written}`)
}

/**
 * A visit's intake answers for a reader under the visit rule, with the audit entry of the read
 * (written only if the rule lets them read it): one batch.
 */
export function intakeReadStatements(db: Db, reader: RecordReader, appointmentId: string) {
  return [
    db
      .select({ appointmentId: appointmentIntakes.appointmentId, answersSealed: appointmentIntakes.answersSealed, redFlag: appointmentIntakes.redFlag, createdAt: appointmentIntakes.createdAt })
      .from(appointmentIntakes)
      .innerJoin(appointments, eq(appointments.id, appointmentIntakes.appointmentId))
      .where(and(eq(appointmentIntakes.appointmentId, appointmentId), mayReadVisit(reader))),
    visitReadAudit(db, reader, appointmentId, { entityType: 'intake', action: 'intake.read' }),
  ] as const
}
