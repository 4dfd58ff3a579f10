import { actorAuditStatement } from '../../../core/audit'
import { requireActor, type RequestContext } from '../../../core/context'
import { sendEmail } from '../../../core/mail/send'
import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { ConflictError, UnauthorizedError, ValidationError } from '../../../lib/errors'
import { hashPassword, verifyPassword } from '../../../lib/password'
import { enforceRateLimit } from '../../../middleware/rate-limit'
import { emailLinks } from '../../mail/links'
import { emailChangeLinkMessage, emailChangeNoticeMessage, passwordChangedMessage } from '../../mail/templates'
import { EMAIL_TOKEN_TTL_MINUTES, newEmailToken, retirePasswordLinks } from '../email-token-queries'
import type { AccountDetailsInput } from '../schemas'
import { revokeUserSessions } from '../session-queries'
import { announceSessionsEnded } from '../sessions-ended'
import { accountDetailsOf, findUserForLogin, updateAccountDetails, updatePasswordHash } from '../user-queries'

// What a person changes of their own account: their name and phone, their address (proved by a
// link sent to it), their password (with the current one). Each change is audited.

/** The caller's own name, phone and address. */
export async function ownAccount(ctx: RequestContext) {
  const [account] = await accountDetailsOf(ctx.db, requireActor(ctx).id)
  return { name: account?.name ?? '', phone: account?.phone ?? null, email: account?.email ?? '' }
}

/** The caller's name and phone; audited with the fields that changed. */
export async function updateAccount(ctx: RequestContext, input: AccountDetailsInput) {
  const user = requireActor(ctx)
  const [before] = await accountDetailsOf(ctx.db, user.id)
  const details = { name: input.name, phone: input.phone ?? null }
  const changed = (['name', 'phone'] as const).filter((field) => (before?.[field] ?? null) !== details[field])
  if (changed.length === 0) return
  await ctx.db.batch([
    updateAccountDetails(ctx.db, user.id, details, ctx.now),
    actorAuditStatement(ctx, { action: 'account.updated', entityType: 'user', entityId: user.id, subjectUserId: user.id, metadata: { fields: changed } }),
  ])
}

// The current password, checked before an address or password changes (rate limited like sign-in).
async function requireCurrentPassword(ctx: RequestContext, password: string) {
  const user = requireActor(ctx)
  await enforceRateLimit(ctx.env, 'reauth-user', user.id, LIMITS.loginAccount)
  const [account] = await accountDetailsOf(ctx.db, user.id)
  if (!account || !(await verifyPassword(password, account.passwordHash))) throw new UnauthorizedError('That is not your current password.', 'invalid_credentials')
  return { user, account }
}

/**
 * Starts a change of address: the new address gets a link that makes the change (nothing changes
 * before), and the current one a notice, in case it was not its owner who asked.
 */
export async function requestEmailChange(ctx: RequestContext, input: { email: string; password: string }) {
  const { user, account } = await requireCurrentPassword(ctx, input.password)
  if (input.email === account.email) throw new ValidationError({ email: 'is already your address' })
  if (await findUserForLogin(ctx.db, input.email)) throw new ConflictError('An account with this email already exists.', 'email_taken')
  const change = await newEmailToken(ctx.db, user.id, 'change_email', ctx.now, input.email)
  await ctx.db.batch([change.statement, actorAuditStatement(ctx, { action: 'account.email_change_requested', entityType: 'user', entityId: user.id, subjectUserId: user.id })])
  await sendEmail(ctx, { email: input.email, name: user.name }, emailChangeLinkMessage({ name: user.name, link: emailLinks.verifyEmail(ctx, change.token), expiresInHours: EMAIL_TOKEN_TTL_MINUTES.change_email / 60 }))
  await sendEmail(ctx, { email: account.email, name: user.name }, emailChangeNoticeMessage({ name: user.name, newEmail: input.email }))
}

/** A new password with the current one: every other session ends, older reset links die, the owner is told. */
export async function changePassword(ctx: RequestContext, input: { current_password: string; password: string }) {
  const { user } = await requireCurrentPassword(ctx, input.current_password)
  const passwordHash = await hashPassword(input.password)
  await ctx.db.batch([
    updatePasswordHash(ctx.db, user.id, passwordHash),
    revokeUserSessions(ctx.db, user.id, 'password_changed', ctx.now, ctx.sessionId ?? undefined),
    retirePasswordLinks(ctx.db, user.id, ctx.now),
    actorAuditStatement(ctx, { action: 'auth.password.changed', entityType: 'user', entityId: user.id, subjectUserId: user.id }),
  ])
  ctx.background(announceSessionsEnded(ctx, user.id))
  await sendEmail(ctx, { email: user.email, name: user.name }, passwordChangedMessage({ name: user.name }))
}
