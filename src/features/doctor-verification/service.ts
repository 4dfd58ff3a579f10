import { and, desc, eq, inArray } from 'drizzle-orm'
import { doctors, specialties, users } from '../../db/schema'
import type { DoctorStatus } from '../../db/schema/enums'
import { ConflictError, NotFoundError, UnauthorizedError } from '../../lib/errors'
import { toIsoInstant } from '../../lib/time'
import { auditStatement } from '../../core/audit'
import { requestOrigin, type RequestContext } from '../../core/context'
import { appLink, sendEmail } from '../../core/mail/send'
import { doctorApprovedMessage, doctorRejectedMessage } from '../mail/templates'

const LIST_LIMIT = 200

export function applicantSelect(ctx: RequestContext) {
  return ctx.db
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

type Applicant = Awaited<ReturnType<ReturnType<typeof applicantSelect>['where']>>[number]

export const toApi = (d: Applicant) => ({
  id: d.id,
  name: d.name,
  email: d.email,
  license_number: d.licenseNumber,
  specialty: d.specialty,
  status: d.status,
  status_reason: d.statusReason,
  bio: d.bio,
  applied_at: toIsoInstant(d.createdAt),
  verified_at: d.verifiedAt ? toIsoInstant(d.verifiedAt) : null,
})

// The queue: oldest application first, so nobody waits behind later ones.
export async function listDoctors(ctx: RequestContext, status: DoctorStatus) {
  const rows = await applicantSelect(ctx)
    .where(eq(doctors.status, status))
    .orderBy(status === 'pending' ? doctors.createdAt : desc(doctors.createdAt))
    .limit(LIST_LIMIT)
  return rows.map(toApi)
}

// Which statuses each decision may start from: an application is decided once, but a rejected
// doctor who sends what was missing can still be verified.
const DECISIONS = {
  verify: { from: ['pending', 'rejected'] as DoctorStatus[], to: 'verified' as const },
  reject: { from: ['pending'] as DoctorStatus[], to: 'rejected' as const },
}

export async function decideApplication(ctx: RequestContext, doctorId: string, decision: keyof typeof DECISIONS, reason?: string) {
  const admin = ctx.actor
  if (!admin) throw new UnauthorizedError()
  const { from, to } = DECISIONS[decision]
  const now = new Date()
  // The update and the read of the result in one round trip; the read sees the new status.
  const [updated, [doctor]] = await ctx.db.batch([
    ctx.db
      .update(doctors)
      .set({ status: to, statusReason: reason ?? null, verifiedAt: to === 'verified' ? now : null, verifiedBy: admin.id, updatedAt: now })
      .where(and(eq(doctors.id, doctorId), inArray(doctors.status, from)))
      .returning({ id: doctors.id }),
    applicantSelect(ctx).where(eq(doctors.id, doctorId)),
  ])
  if (!doctor) throw new NotFoundError('No such doctor.')
  if (updated.length === 0) throw new ConflictError(`This doctor is ${doctor.status}; that decision is not possible now.`, 'invalid_transition')
  await auditStatement(ctx.db, {
      action: `doctor.${decision === 'verify' ? 'verified' : 'rejected'}`,
      actorUserId: admin.id,
      actorRole: admin.role,
      entityType: 'doctor',
      entityId: doctorId,
      subjectUserId: doctor.userId,
      ...requestOrigin(ctx),
      metadata: reason ? { reason } : {},
    })
  await sendEmail(ctx, { email: doctor.email, name: doctor.name }, decision === 'verify' ? doctorApprovedMessage({ name: doctor.name, link: appLink(ctx, '/doctor') }) : doctorRejectedMessage({ name: doctor.name, reason: reason! }))
  return toApi(doctor)
}
