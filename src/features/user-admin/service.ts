import { actorAuditStatement, actorAuditIfChanged } from '../../core/audit'
import { isSupportAgent } from '../../core/actor'
import { requireActor, type RequestContext } from '../../core/context'
import { keysetPages, pageOf } from '../../core/keyset-pages'
import { decodeCursor } from '../../lib/cursor'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors'
import { clinicChoicesStatement, clinicStatement } from '../clinics/queries'
import { announceSessionsEnded } from '../auth/sessions-ended'
import { revokeUserSessions } from '../auth/session-queries'
import { sendNewVerificationLink } from '../auth/service/account-links'
import { batchNewAccount } from '../auth/service/register'
import { EMAIL_TOKEN_TTL_MINUTES, newEmailToken } from '../auth/email-token-queries'
import { removeSecondFactorStatements } from '../auth/second-factor-queries'
import { insertUser } from '../auth/user-queries'
import { sendEmail } from '../../core/mail/send'
import { newId } from '../../lib/ids'
import { emailLinks } from '../mail/links'
import { adminInvitedMessage, secondFactorResetMessage } from '../mail/templates'
import { endSessionsIfDeactivated, setAdminRoleStatement, setStatusStatement, sortValueOf, userDetailStatements, usersPageStatement } from './queries'
import { z } from 'zod'
import type { InviteAdminInput, UsersQuery } from './schemas'

// The admin console's users: super and support admins find people and help them (sign them out
// everywhere, resend a confirmation link); only super admins deactivate and reactivate accounts.
// Nothing here shows medical data.
export const PAGE_SIZE = 50
const EXPORT_PAGE = 500
const Position = z.object({ v: z.union([z.string().max(300), z.number()]), id: z.string().max(40) })

function requireUserAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (!isSupportAgent(actor)) throw new ForbiddenError()
  return actor
}

function requireSuperAdmin(ctx: RequestContext) {
  const actor = requireActor(ctx)
  if (actor.role !== 'admin' || actor.adminRole !== 'super') throw new ForbiddenError('Only a super admin changes whether an account is active.')
  return actor
}

/** A page of the users table: matching rows in order, and the cursor of the next page. */
export async function listUsers(ctx: RequestContext, query: UsersQuery) {
  requireUserAdmin(ctx)
  const after = decodeCursor(query.cursor, Position)
  const rows = await usersPageStatement(ctx.db, query, after, PAGE_SIZE + 1)
  return pageOf(rows, PAGE_SIZE, (row) => ({ v: sortValueOf(row, query.sort), id: row.id }))
}

/** Every matching user, page by page (a streamed CSV export); the export itself is audited. */
export async function* exportUsers(ctx: RequestContext, query: UsersQuery) {
  requireUserAdmin(ctx)
  await actorAuditStatement(ctx, { action: 'admin.users.exported', entityType: 'user', metadata: { filters: { ...query, cursor: undefined } } })
  yield* keysetPages((after: { v: string | number; id: string } | undefined) => usersPageStatement(ctx.db, query, after, EXPORT_PAGE), (row) => ({ v: sortValueOf(row, query.sort), id: row.id }), EXPORT_PAGE)
}

/** A user's page: the account, live sessions, recent sign-ins and appointment counts (one round trip). */
export async function userDetail(ctx: RequestContext, userId: string) {
  requireUserAdmin(ctx)
  // The clinics a super admin may give an admin come in the same round trip.
  const [[user], liveSessions, signIns, counts, clinics] = await ctx.db.batch([...userDetailStatements(ctx.db, userId, ctx.now), clinicChoicesStatement(ctx.db)])
  if (!user) throw new NotFoundError('No such user.')
  return { user, sessions: liveSessions, signIns, clinics, appointmentCounts: Object.fromEntries(counts.map((c) => [c.status, c.count])) as Record<string, number> }
}

type Change = { userId: string; reason: string }

/**
 * Deactivates an account: it can no longer sign in, and every session of it ends at once, open
 * sockets included. Audited with the before and after and the reason. Nobody deactivates
 * themselves or the last active super admin.
 */
export async function deactivateUser(ctx: RequestContext, { userId, reason }: Change) {
  const admin = requireSuperAdmin(ctx)
  if (userId === admin.id) throw new ConflictError('You cannot deactivate your own account.', 'invalid_transition')
  return changeStatus(ctx, { userId, reason, from: 'active', to: 'deactivated' })
}

export async function reactivateUser(ctx: RequestContext, { userId, reason }: Change) {
  requireSuperAdmin(ctx)
  return changeStatus(ctx, { userId, reason, from: 'deactivated', to: 'active' })
}

async function changeStatus(ctx: RequestContext, change: Change & { from: 'active' | 'deactivated'; to: 'active' | 'deactivated' }) {
  const [updated] = await ctx.db.batch([
    setStatusStatement(ctx.db, change.userId, { from: change.from, to: change.to, now: ctx.now }),
    actorAuditIfChanged(ctx, { action: change.to === 'deactivated' ? 'admin.user.deactivated' : 'admin.user.reactivated', entityType: 'user', entityId: change.userId, subjectUserId: change.userId, metadata: { before: { status: change.from }, after: { status: change.to }, reason: change.reason } }),
    ...(change.to === 'deactivated' ? [endSessionsIfDeactivated(ctx.db, change.userId, ctx.now)] : []),
  ])
  if (updated.length === 0) {
    const { user } = await userDetail(ctx, change.userId)
    if (change.to === 'deactivated' && user.status === 'active') throw new ConflictError('This is the last active super admin; make another super admin first.', 'last_super_admin')
    throw new ConflictError(`This account is ${user.status}.`, 'invalid_transition')
  }
  if (change.to === 'deactivated') ctx.background(announceSessionsEnded(ctx, change.userId))
}

/** Ends every session of a user (a lost phone, a shared computer); audited with the reason. */
export async function signOutEverywhere(ctx: RequestContext, { userId, reason }: Change) {
  requireUserAdmin(ctx)
  await userDetail(ctx, userId)
  const [ended] = await ctx.db.batch([
    revokeUserSessions(ctx.db, userId, 'revoked_by_admin', ctx.now),
    actorAuditStatement(ctx, { action: 'admin.user.signed_out', entityType: 'user', entityId: userId, subjectUserId: userId, metadata: { reason } }),
  ])
  ctx.background(announceSessionsEnded(ctx, userId))
  return ended.rowsAffected
}

/** A new confirmation link for a user whose address is not confirmed yet. */
export async function resendVerification(ctx: RequestContext, userId: string) {
  requireUserAdmin(ctx)
  const { user } = await userDetail(ctx, userId)
  if (user.emailVerifiedAt) throw new ConflictError('This address is already confirmed.', 'already_verified')
  await sendNewVerificationLink(ctx, user)
  await actorAuditStatement(ctx, { action: 'admin.user.verification_resent', entityType: 'user', entityId: userId, subjectUserId: userId })
}

/**
 * A super admin invites an admin: the account is made with the sub-role and no password, and the
 * person is emailed a link to choose one (which also confirms the address). Audited.
 */
export async function inviteAdmin(ctx: RequestContext, input: InviteAdminInput) {
  requireSuperAdmin(ctx)
  await requireClinic(ctx, input.clinic_id)
  const now = ctx.now
  const user = { id: newId('usr'), email: input.email, name: input.name, role: 'admin' as const, adminRole: input.admin_role, clinicId: input.clinic_id, passwordHash: null, createdAt: now, updatedAt: now }
  const invitation = await newEmailToken(ctx.db, user.id, 'invitation', now)
  await batchNewAccount(ctx, [
    insertUser(ctx.db, user),
    invitation.statement,
    actorAuditStatement(ctx, { action: 'admin.user.invited', entityType: 'user', entityId: user.id, subjectUserId: user.id, metadata: { after: { role: 'admin', admin_role: input.admin_role, clinic_id: input.clinic_id } } }),
  ])
  await sendEmail(ctx, user, adminInvitedMessage({ name: user.name, role: input.admin_role, link: emailLinks.invitation(ctx, invitation.token), expiresInDays: EMAIL_TOKEN_TTL_MINUTES.invitation / (24 * 60) }))
  return user.id
}

/** A super admin changes an admin's sub-role; never leaving the platform without an active super admin. */
export async function changeAdminRole(ctx: RequestContext, input: { userId: string; adminRole: 'super' | 'clinic' | 'support'; clinicId: string | null; reason: string }) {
  requireSuperAdmin(ctx)
  const { user } = await userDetail(ctx, input.userId)
  if (user.role !== 'admin') throw new ConflictError('Only an admin has a sub-role.', 'invalid_transition')
  await requireClinic(ctx, input.clinicId)
  const [updated] = await ctx.db.batch([
    setAdminRoleStatement(ctx.db, input.userId, { adminRole: input.adminRole, clinicId: input.clinicId }, ctx.now),
    actorAuditIfChanged(ctx, { action: 'admin.user.role_changed', entityType: 'user', entityId: input.userId, subjectUserId: input.userId, metadata: { before: { admin_role: user.adminRole, clinic_id: user.clinicId }, after: { admin_role: input.adminRole, clinic_id: input.clinicId }, reason: input.reason } }),
  ])
  if (updated.length === 0) throw new ConflictError('This is the last active super admin; make another super admin first.', 'last_super_admin')
  // Their open pages and rooms re-check what they may do.
  ctx.background(announceSessionsEnded(ctx, input.userId))
}

// A clinic named for a clinic admin must exist (422 otherwise, like any field).
async function requireClinic(ctx: RequestContext, clinicId: string | null) {
  if (clinicId && (await clinicStatement(ctx.db, clinicId)).length === 0) throw new ValidationError({ clinic_id: 'is not a clinic' })
}

/** A super admin removes a person's authenticator app and recovery codes (they lost them); the person is emailed. */
export async function resetSecondFactor(ctx: RequestContext, { userId, reason }: Change) {
  requireSuperAdmin(ctx)
  const { user } = await userDetail(ctx, userId)
  const [totp, recoveryCodes] = removeSecondFactorStatements(ctx.db, userId)
  const [removed] = await ctx.db.batch([
    totp,
    actorAuditIfChanged(ctx, { action: 'admin.user.second_factor_reset', entityType: 'user', entityId: userId, subjectUserId: userId, metadata: { reason } }),
    recoveryCodes,
  ])
  if (removed.rowsAffected === 0) throw new ConflictError('This account has no authenticator app to remove.', 'no_second_factor')
  await sendEmail(ctx, user, secondFactorResetMessage({ name: user.name }))
}
