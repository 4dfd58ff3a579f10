import { actorAuditIfChanged, actorAuditStatement } from '../../core/audit'
import { requireActor, type RequestContext } from '../../core/context'
import { sendEmail } from '../../core/mail/send'
import { noticeStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import type { DoctorStatus } from '../../db/schema/enums'
import { ConflictError, NotFoundError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { EMAIL_TOKEN_TTL_MINUTES, newEmailToken } from '../auth/email-token-queries'
import { batchNewAccount, requireActiveSpecialty } from '../auth/service/register'
import { insertDoctor, insertUser } from '../auth/user-queries'
import { emailLinks } from '../mail/links'
import { doctorApprovedMessage, doctorInvitedMessage, doctorRejectedMessage } from '../mail/templates'
import { applicantStatement, decidedNow, decideStatement, type Applicant } from './queries'
import type { CreateDoctorInput } from './schemas'

// Which statuses each decision may start from: an application is decided once, but a rejected
// doctor who sends what was missing can still be verified.
const DECISIONS = {
  verify: { from: ['pending', 'rejected'] as DoctorStatus[], to: 'verified' as const },
  reject: { from: ['pending'] as DoctorStatus[], to: 'rejected' as const },
}

/** One doctor's application as the queue shows it; 404 for an unknown doctor. */
export async function getApplicant(ctx: RequestContext, doctorId: string): Promise<Applicant> {
  const [applicant] = await applicantStatement(ctx.db, requireActor(ctx), doctorId)
  if (!applicant) throw new NotFoundError('No such doctor.')
  return applicant
}

/**
 * An admin verifies or rejects an application (audited; the doctor is emailed). A decision that
 * its current status does not allow is a 409, never a silent overwrite.
 */
export async function decideApplication(ctx: RequestContext, input: { doctorId: string; decision: keyof typeof DECISIONS; reason?: string }) {
  const admin = requireActor(ctx)
  const { doctorId, decision, reason } = input
  const { from, to } = DECISIONS[decision]
  const [applicant] = await applicantStatement(ctx.db, admin, doctorId)
  if (!applicant) throw new NotFoundError('No such doctor.')
  const message = decision === 'verify' ? doctorApprovedMessage({ name: applicant.name, link: emailLinks.doctorHome(ctx) }) : doctorRejectedMessage({ name: applicant.name, reason: reason! })
  const notice: Notice = { userId: applicant.userId, kind: 'verification', title: message.subject, link: decision === 'verify' ? '/doctor' : '/account', email: { to: applicant.email, ...message } }
  // The decision, its audit entry and the doctor's notice in one batch; the entry and the notice
  // only if the decision was written, and the read after it sees the result.
  const [updated, , ...rest] = await ctx.db.batch([
    decideStatement(ctx.db, doctorId, { to, from, reason: reason ?? null, adminId: admin.id, now: ctx.now }),
    actorAuditIfChanged(ctx, { action: `doctor.${decision === 'verify' ? 'verified' : 'rejected'}`, entityType: 'doctor', entityId: doctorId, subjectUserId: applicant.userId, metadata: reason ? { reason } : {} }),
    ...noticeStatements(ctx, notice, decidedNow(doctorId, { status: to, at: ctx.now })),
    applicantStatement(ctx.db, admin, doctorId),
  ])
  const doctor = (rest.at(-1) as Applicant[])[0]!
  if (updated.length === 0) throw new ConflictError(`This doctor is ${doctor.status}; that decision is not possible now.`, 'invalid_transition')
  afterNotices(ctx, [notice])
  return doctor
}

/**
 * An admin opens a doctor's account directly (a doctor the clinic already employs and has
 * checked). The account is verified at once but has no password: the doctor gets an invitation
 * link to choose one, which also confirms the address. Everything is written in one batch.
 */
export async function inviteDoctor(ctx: RequestContext, input: CreateDoctorInput) {
  const admin = requireActor(ctx)
  const specialty = await requireActiveSpecialty(ctx, input.specialty_id)
  const now = ctx.now
  const user = { id: newId('usr'), email: input.email, name: input.name, phone: input.phone ?? null, role: 'doctor' as const, passwordHash: null, createdAt: now, updatedAt: now }
  const doctorId = newId('doc')
  const invitation = await newEmailToken(ctx.db, user.id, 'invitation', now)
  await batchNewAccount(ctx, [
    insertUser(ctx.db, user),
    // A clinic admin's doctor joins their clinic (super admins assign one on the doctor's page).
    insertDoctor(ctx.db, { id: doctorId, userId: user.id, licenseNumber: input.license_number, specialtyId: specialty.id, bio: input.bio ?? null, status: 'verified', verifiedAt: now, verifiedBy: admin.id, clinicId: admin.adminRole === 'clinic' ? admin.clinicId : null }),
    invitation.statement,
    actorAuditStatement(ctx, { action: 'doctor.created', entityType: 'doctor', entityId: doctorId, subjectUserId: user.id }),
  ])
  const link = emailLinks.invitation(ctx, invitation.token)
  await sendEmail(ctx, user, doctorInvitedMessage({ name: user.name, link, expiresInDays: EMAIL_TOKEN_TTL_MINUTES.invitation / (24 * 60) }))
  const [doctor] = await applicantStatement(ctx.db, admin, doctorId)
  return doctor!
}
