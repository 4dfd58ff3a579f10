import { eq } from 'drizzle-orm'
import { doctors, users } from '../../db/schema'
import { UnauthorizedError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { auditStatement } from '../../core/audit'
import { requestOrigin, type RequestContext } from '../../core/context'
import { EMAIL_TOKEN_TTL_MINUTES, newEmailToken } from '../auth/email-tokens'
import { batchNewAccount, requireActiveSpecialty } from '../auth/service/register'
import { appLink, sendEmail } from '../../core/mail/send'
import { doctorInvitedMessage } from '../mail/templates'
import type { CreateDoctorInput } from './schemas'
import { applicantSelect, toApi } from './service'

// An admin opens a doctor's account directly (a doctor the clinic already employs and has
// checked). The account is verified at once but has no password: the doctor gets an invitation
// link to choose one, which also confirms the address. Everything is written in one batch.
export async function inviteDoctor(ctx: RequestContext, input: CreateDoctorInput) {
  const admin = ctx.actor
  if (!admin) throw new UnauthorizedError()
  const specialty = await requireActiveSpecialty(ctx, input.specialty_id)
  const now = new Date()
  const user = { id: newId('usr'), email: input.email, name: input.name, phone: input.phone ?? null, role: 'doctor' as const, passwordHash: null, createdAt: now, updatedAt: now }
  const doctorId = newId('doc')
  const invitation = await newEmailToken(ctx.db, user.id, 'invitation', now)
  await batchNewAccount(ctx, [
    ctx.db.insert(users).values(user),
    ctx.db.insert(doctors).values({
      id: doctorId,
      userId: user.id,
      licenseNumber: input.license_number,
      specialtyId: specialty.id,
      bio: input.bio ?? null,
      status: 'verified',
      verifiedAt: now,
      verifiedBy: admin.id,
    }),
    invitation.statement,
    auditStatement(ctx.db, {
      action: 'doctor.created',
      actorUserId: admin.id,
      actorRole: admin.role,
      entityType: 'doctor',
      entityId: doctorId,
      subjectUserId: user.id,
      ...requestOrigin(ctx),
    }),
  ])
  await sendEmail(
    ctx,
    user,
    doctorInvitedMessage({
      name: user.name,
      link: appLink(ctx, `/reset-password?invited=1&token=${invitation.token}`),
      expiresInDays: EMAIL_TOKEN_TTL_MINUTES.invitation / (24 * 60),
    }),
  )
  const [doctor] = await applicantSelect(ctx).where(eq(doctors.id, doctorId))
  return toApi(doctor!)
}
