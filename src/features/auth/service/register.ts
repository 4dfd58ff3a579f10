import { tellAdmins } from '../../../durable-objects/notification-hub/stub'
import { isUniqueViolation } from '../../../db/errors'
import type { Statements } from '../../../db/client'
import { auditStatement } from '../../../core/audit'
import { ConflictError, ValidationError } from '../../../lib/errors'
import { newId } from '../../../lib/ids'
import { hashPassword } from '../../../lib/password'
import { requestOrigin, type RequestContext } from '../../../core/context'
import { newEmailToken } from '../email-token-queries'
import { sendVerificationEmail } from '../notify'
import type { RegisterDoctorInput, RegisterPatientInput } from '../schemas'
import { startSession } from '../sessions'
import { activeSpecialtyStatement } from '../../specialties/queries'
import { insertDoctor, insertPatientProfile, insertUser } from '../user-queries'

/** The specialty a doctor registers (or is invited) under, or a 400 if it is unknown or retired. */
export async function requireActiveSpecialty(ctx: RequestContext, specialtyId: string) {
  const [specialty] = await activeSpecialtyStatement(ctx.db, specialtyId)
  if (!specialty) throw new ValidationError({ specialty_id: 'is not a known specialty' })
  return specialty
}

/** Writes a new account's rows in one batch, turning a taken email or licence into a clear 409. */
export async function batchNewAccount(ctx: RequestContext, statements: Statements) {
  try {
    await ctx.db.batch(statements)
  } catch (err) {
    if (isUniqueViolation(err, 'users')) {
      throw new ConflictError('An account with this email already exists. Sign in, or reset your password.', 'email_taken')
    }
    if (isUniqueViolation(err, 'doctors')) throw new ConflictError('A doctor with this licence number is already registered.')
    throw err
  }
}

// The account row, its email-verification token and an audit entry go out in one batch: either
// the whole registration exists or none of it does.
async function createAccount(ctx: RequestContext, input: RegisterPatientInput, role: 'patient' | 'doctor') {
  const now = ctx.now
  const user = {
    id: newId('usr'),
    email: input.email,
    name: input.name,
    phone: input.phone ?? null,
    role,
    passwordHash: await hashPassword(input.password),
    createdAt: now,
    updatedAt: now,
  }
  const verification = await newEmailToken(ctx.db, user.id, 'verify_email', now)
  const audit = auditStatement(ctx.db, {
    action: `auth.registered.${role}`,
    actorUserId: user.id,
    actorRole: role,
    entityType: 'user',
    entityId: user.id,
    ...requestOrigin(ctx),
  })
  return { user, statements: [insertUser(ctx.db, user), verification.statement, audit] as const, verificationToken: verification.token }
}

async function finish(ctx: RequestContext, account: Awaited<ReturnType<typeof createAccount>>) {
  const { user, verificationToken } = account
  await sendVerificationEmail(ctx, user, verificationToken)
  const session = await startSession(ctx, user)
  return { user: { ...user, adminRole: null, emailVerifiedAt: null }, ...session }
}

/** Opens a patient account, signed in at once; the address is confirmed later by email. */
export async function registerPatient(ctx: RequestContext, input: RegisterPatientInput & { timezone?: string }) {
  const account = await createAccount(ctx, input, 'patient')
  await batchNewAccount(ctx, [...account.statements, insertPatientProfile(ctx.db, account.user.id, input.timezone ?? null)])
  return finish(ctx, account)
}

/** Opens a doctor account that starts pending: it signs in but acts as a doctor only once verified. */
export async function registerDoctor(ctx: RequestContext, input: RegisterDoctorInput) {
  const specialty = await requireActiveSpecialty(ctx, input.specialty_id)
  const account = await createAccount(ctx, input, 'doctor')
  const doctor = {
    id: newId('doc'),
    userId: account.user.id,
    licenseNumber: input.license_number,
    specialtyId: specialty.id,
    status: 'pending' as const,
    bio: input.bio ?? null,
  }
  await batchNewAccount(ctx, [...account.statements, insertDoctor(ctx.db, doctor)])
  // The admin dashboards count applications waiting.
  ctx.background(tellAdmins(ctx.env, ['doctor_application']).catch(() => undefined))
  return { ...(await finish(ctx, account)), doctor }
}
