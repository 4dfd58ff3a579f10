import { tablePage } from '../../core/table-page'
import { Hono, type Context } from 'hono'
import { UserPage } from '../../../views/admin/user-page'
import { UsersPage } from '../../../views/admin/users-page'
import { InviteAdminPage } from '../../../views/admin/invite-admin-page'
import { handleForm } from '../../core/form'
import { requireActor } from '../../core/context'
import { renderView, type ViewStatus } from '../../core/page'
import type { FormState } from '../../../views/components/form'
import { clinicChoicesStatement } from '../clinics/queries'
import type { AppEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { toIsoInstant } from '../../lib/time'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { toApiAdminUser } from './present'
import { AdminRoleInput, InviteAdminInput, ReasonInput, UsersQuery } from './schemas'
import { changeAdminRole, deactivateUser, inviteAdmin, listUsers, resetSecondFactor, reactivateUser, resendVerification, signOutEverywhere, userDetail } from './service'

export const userAdminRoutes = new Hono<AppEnv>()

userAdminRoutes.use('/admin/users', requireRole('admin:super', 'admin:support'))
userAdminRoutes.use('/admin/users/*', requireRole('admin:super', 'admin:support'))

userAdminRoutes.get('/admin/users', async (c) => {
  const { query, page, fields, understood } = await tablePage(c, UsersQuery, (q) => listUsers(c.var.ctx, q))
  const state = { ...fields, sort: query.sort, dir: query.dir }
  return renderView(c, {
    title: 'Users',
    body: <UsersPage items={page.items.map(toApiAdminUser)} state={state} nextCursor={page.nextCursor} timezone={viewerTimeZone(c, 'UTC').timezone} canInvite={requireActor(c.var.ctx).adminRole === 'super'} error={understood ? undefined : 'Some filters were not understood, so all users are shown.'} />,
  })
})

const NOTICES: Record<string, string> = {
  deactivated: 'The account is deactivated, and every session of it has ended.',
  reactivated: 'The account is active again.',
  'signed-out': 'Every session of this account has ended.',
  'link-sent': 'A new confirmation link is on its way.',
  'second-factor-reset': 'Their authenticator app and recovery codes are removed; they were emailed.',
  'role-changed': 'The sub-role is changed; their open pages follow at once.',
  invited: 'The invitation is on its way: they choose a password from the email.',
}

async function renderUser(c: Context<AppEnv>, id: string, extra: { notice?: string; error?: string; errorFor?: string; status?: 200 | 409 | 422 } = {}) {
  const detail = await userDetail(c.var.ctx, id)
  const actor = requireActor(c.var.ctx)
  const view = {
    user: { ...toApiAdminUser(detail.user), phone: detail.user.phone },
    sessions: detail.sessions.map((s) => ({ id: s.id, user_agent: s.userAgent, ip: s.ip, created_at: toIsoInstant(s.createdAt), last_seen_at: toIsoInstant(s.lastSeenAt) })),
    sign_ins: detail.signIns.map((s) => ({ action: s.action, ip: s.ip, user_agent: s.userAgent, at: toIsoInstant(s.createdAt) })),
    appointment_counts: detail.appointmentCounts,
  }
  return renderView(c, {
    title: detail.user.name,
    status: extra.status,
    body: <UserPage detail={view} clinics={detail.clinics} timezone={viewerTimeZone(c, 'UTC').timezone} canChangeStatus={actor.adminRole === 'super' && actor.id !== id} notice={extra.notice} error={extra.error} errorFor={extra.errorFor} />,
  })
}

// Inviting an admin (super admins; the service refuses anyone else).
const renderInvite = async (c: Context<AppEnv>, state?: FormState, status?: ViewStatus) => renderView(c, { title: 'Invite an admin', body: <InviteAdminPage state={state} clinics={await clinicChoicesStatement(c.var.db)} />, status })

userAdminRoutes.get('/admin/users/invite', requireRole('admin:super'), (c) => renderInvite(c))

userAdminRoutes.post('/admin/users/invite', requireRole('admin:super'), (c) =>
  handleForm(c, {
    schema: InviteAdminInput,
    submit: async (input) => c.redirect(`/admin/users/${await inviteAdmin(c.var.ctx, input)}?done=invited`, 303),
    render: (state, refusal) => renderInvite(c, state, refusal.status),
  }),
)

userAdminRoutes.post('/admin/users/:id/admin-role', requireRole('admin:super'), async (c) => {
  const id = c.req.param('id')
  const input = AdminRoleInput.safeParse(await c.req.parseBody())
  if (!input.success) return renderUser(c, id, { error: 'Choose a sub-role (and the clinic of a clinic admin) and say why, in a few words.', status: 422 })
  try {
    await changeAdminRole(c.var.ctx, { userId: id, adminRole: input.data.admin_role, clinicId: input.data.clinic_id, reason: input.data.reason })
  } catch (err) {
    if (err instanceof AppError && (err.status === 409 || err.status === 400)) return renderUser(c, id, { error: err.status === 400 ? 'That clinic does not exist.' : err.message, status: err.status === 400 ? 422 : 409 })
    throw err
  }
  return c.redirect(`/admin/users/${id}?done=role-changed`, 303)
})

userAdminRoutes.get('/admin/users/:id', (c) => renderUser(c, c.req.param('id'), { notice: NOTICES[c.req.query('done') ?? ''] }))

// The actions that change an account ask why; a refusal comes back on the page with its reason.
const ACTIONS = { deactivate: deactivateUser, reactivate: reactivateUser, 'sign-out': signOutEverywhere, 'reset-second-factor': resetSecondFactor } as const
const DONE = { deactivate: 'deactivated', reactivate: 'reactivated', 'sign-out': 'signed-out', 'reset-second-factor': 'second-factor-reset' } as const

userAdminRoutes.post('/admin/users/:id/:action{deactivate|reactivate|sign-out|reset-second-factor}', async (c) => {
  const id = c.req.param('id')
  const action = c.req.param('action') as keyof typeof ACTIONS
  const reason = ReasonInput.safeParse(await c.req.parseBody())
  if (!reason.success) return renderUser(c, id, { error: 'Say why, in a few words: it is kept in the audit log.', errorFor: action, status: 422 })
  try {
    await ACTIONS[action](c.var.ctx, { userId: id, reason: reason.data.reason })
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return renderUser(c, id, { error: err.message, status: 409 })
    throw err
  }
  return c.redirect(`/admin/users/${id}?done=${DONE[action]}`, 303)
})

userAdminRoutes.post('/admin/users/:id/resend-verification', async (c) => {
  const id = c.req.param('id')
  try {
    await resendVerification(c.var.ctx, id)
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return renderUser(c, id, { error: err.message, status: 409 })
    throw err
  }
  return c.redirect(`/admin/users/${id}?done=link-sent`, 303)
})
