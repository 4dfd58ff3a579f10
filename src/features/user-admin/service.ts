import { actorAuditStatement, actorAuditIfChanged } from '../../core/audit'
import { isSupportAgent } from '../../core/actor'
import { requireActor, type RequestContext } from '../../core/context'
import { keysetPages } from '../../core/keyset-pages'
import { decodeCursor, encodeCursor } from '../../lib/cursor'
import { ConflictError, ForbiddenError, NotFoundError } from '../../lib/errors'
import { announceSessionsEnded } from '../auth/sessions-ended'
import { revokeUserSessions } from '../auth/session-queries'
import { sendNewVerificationLink } from '../auth/service/account-links'
import { endSessionsIfDeactivated, setStatusStatement, sortValueOf, userDetailStatements, usersPageStatement } from './queries'
import { z } from 'zod'
import type { UsersQuery } from './schemas'

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
  const items = rows.slice(0, PAGE_SIZE)
  const last = items.at(-1)
  return { items, nextCursor: rows.length > PAGE_SIZE && last ? encodeCursor({ v: sortValueOf(last, query.sort), id: last.id }) : null }
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
  const [[user], liveSessions, signIns, counts] = await ctx.db.batch(userDetailStatements(ctx.db, userId, ctx.now))
  if (!user) throw new NotFoundError('No such user.')
  return { user, sessions: liveSessions, signIns, appointmentCounts: Object.fromEntries(counts.map((c) => [c.status, c.count])) as Record<string, number> }
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
