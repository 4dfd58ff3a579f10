import { actorAuditIfChanged } from '../../core/audit'
import { keyRingOf, requireSuperAdmin, type RequestContext } from '../../core/context'
import { readerOf } from '../../core/record-access'
import { settingsOf } from '../../core/settings-of'
import { decryptField, encryptField } from '../../lib/field-crypto'
import { NotFoundError, ValidationError } from '../../lib/errors'
import { toIsoInstant } from '../../lib/time'
import { doctorQuestionnaireStatement, insertIntakeStatement, intakeReadStatements, saveQuestionnaireStatement, specialtyQuestionnaireStatement } from './queries'
import { questionnaireOf, type Questionnaire } from './questionnaire'
import type { IntakeAnswers, QuestionnaireInput } from './schemas'
import type { ApiIntake, EmergencyGuidance } from './present'

// Intake answers are part of the patient's record: sealed with the record keys (bound to their
// appointment, so a sealed value moved to another row does not open), read under the visit rule
// and audited on every read.
export const intakeSealedFor = (appointmentId: string) => `intake:${appointmentId}`

/** The questionnaire a booking with this doctor asks. */
export async function questionnaireForDoctor(ctx: RequestContext, doctorId: string): Promise<Questionnaire> {
  const [specialty] = await doctorQuestionnaireStatement(ctx.db, doctorId)
  return questionnaireOf(specialty)
}

/** What a red flag shows at once: the emergency number and crisis lines (a platform setting). */
export async function emergencyGuidance(ctx: RequestContext): Promise<EmergencyGuidance> {
  const { number, crisisLines } = (await settingsOf(ctx))['triage.emergency']
  return { emergency_number: number, crisis_lines: crisisLines }
}

/**
 * The answers, checked against the doctor's questionnaire and sealed for the appointment about to
 * be booked: its batch writes them (`statementIf` the appointment was), and a red flag makes the
 * visit urgent.
 */
export async function sealIntake(ctx: RequestContext, input: { appointmentId: string; answers: IntakeAnswers; questionnaire: Questionnaire }) {
  const { answers, questionnaire } = input
  const unknown = (picked: string[], offered: readonly string[]) => picked.some((label) => !offered.includes(label))
  if (unknown(answers.symptoms, questionnaire.symptoms)) throw new ValidationError({ 'intake.symptoms': 'must be symptoms from this doctor’s questionnaire' })
  if (unknown(answers.red_flags, questionnaire.redFlags)) throw new ValidationError({ 'intake.red_flags': 'must be questions from this doctor’s questionnaire' })
  const redFlag = answers.red_flags.length > 0
  const sealed = await encryptField(keyRingOf(ctx), JSON.stringify(answers), intakeSealedFor(input.appointmentId))
  return { redFlag, statementIf: (written: Parameters<typeof insertIntakeStatement>[2]) => insertIntakeStatement(ctx.db, { appointmentId: input.appointmentId, answersSealed: sealed, redFlag, now: ctx.now }, written) }
}

/** A visit's intake answers, for its patient, its doctor and the admins the record rule allows; audited. */
export async function readIntake(ctx: RequestContext, appointmentId: string): Promise<ApiIntake> {
  const [rows, audited] = await ctx.db.batch(intakeReadStatements(ctx.db, readerOf(ctx), appointmentId))
  const row = rows[0]
  if (!row || audited.rowsAffected === 0) throw new NotFoundError('No intake answers for this appointment.')
  const answers = JSON.parse(await decryptField(keyRingOf(ctx), row.answersSealed, intakeSealedFor(appointmentId))) as IntakeAnswers
  return { ...answers, red_flag: row.redFlag, answered_at: toIsoInstant(row.createdAt) }
}

/** A specialty's questionnaire, as admins edit it. */
export async function specialtyQuestionnaire(ctx: RequestContext, specialtyId: string) {
  requireSuperAdmin(ctx)
  const [specialty] = await specialtyQuestionnaireStatement(ctx.db, specialtyId)
  if (!specialty) throw new NotFoundError('No such specialty.')
  const { symptoms, redFlags } = questionnaireOf(specialty)
  return { id: specialty.id, name: specialty.name, symptoms: [...symptoms], red_flags: [...redFlags] }
}

/** A super admin sets a specialty's symptoms and red-flag questions; audited. */
export async function saveQuestionnaire(ctx: RequestContext, specialtyId: string, input: QuestionnaireInput) {
  requireSuperAdmin(ctx)
  const [saved] = await ctx.db.batch([
    saveQuestionnaireStatement(ctx.db, specialtyId, { symptoms: input.symptoms, redFlags: input.red_flags }),
    actorAuditIfChanged(ctx, { action: 'specialty.intake_updated', entityType: 'specialty', entityId: specialtyId, metadata: { symptoms: input.symptoms.length, red_flags: input.red_flags.length } }),
  ])
  if (saved.length === 0) throw new NotFoundError('No such specialty.')
  return specialtyQuestionnaire(ctx, specialtyId)
}
