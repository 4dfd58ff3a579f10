import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { csvResponse } from '../../lib/csv'
import { jsonBody, queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { AdminRoleInput, InviteAdminInput, ReasonInput, UsersQuery } from './schemas'
import { changeAdminRole, deactivateUser, exportUsers, inviteAdmin, resetSecondFactor, listUsers, reactivateUser, resendVerification, signOutEverywhere, userDetail } from './service'
import { toApiAdminUser, USER_CSV_HEADER, userCsvFields } from './present'
import { toIsoInstant } from '../../lib/time'

export const userAdminApi = new Hono<AppEnv>()

// What changes who may do what (deactivating, sub-roles, second factors, new admins) is a super
// admin's alone: anyone else is stopped before their input is read.
const superAdmins = requireRole('admin:super')

userAdminApi.use('/admin/users', requireRole('admin:super', 'admin:support'))
userAdminApi.use('/admin/users/*', requireRole('admin:super', 'admin:support'))

userAdminApi.get('/admin/users', queryParams(UsersQuery), async (c) => {
  const page = await listUsers(c.var.ctx, c.req.valid('query'))
  return c.json({ items: page.items.map(toApiAdminUser), next_cursor: page.nextCursor })
})

// Every matching row, streamed as CSV (not one page).
userAdminApi.get('/admin/users.csv', requireRole('admin:super', 'admin:support'), queryParams(UsersQuery), async (c) => {
  return csvResponse('users.csv', USER_CSV_HEADER, exportUsers(c.var.ctx, c.req.valid('query')), userCsvFields)
})

userAdminApi.get('/admin/users/:id', async (c) => {
  const detail = await userDetail(c.var.ctx, c.req.param('id'))
  return c.json({
    user: toApiAdminUser(detail.user),
    sessions: detail.sessions.map((s) => ({ id: s.id, user_agent: s.userAgent, ip: s.ip, created_at: toIsoInstant(s.createdAt), last_seen_at: toIsoInstant(s.lastSeenAt) })),
    sign_ins: detail.signIns.map((s) => ({ action: s.action, ip: s.ip, user_agent: s.userAgent, at: toIsoInstant(s.createdAt) })),
    appointment_counts: detail.appointmentCounts,
  })
})

userAdminApi.post('/admin/users/:id/deactivate', superAdmins, jsonBody(ReasonInput), async (c) => {
  await deactivateUser(c.var.ctx, { userId: c.req.param('id'), reason: c.req.valid('json').reason })
  return c.json({ user: toApiAdminUser((await userDetail(c.var.ctx, c.req.param('id'))).user) })
})

userAdminApi.post('/admin/users/:id/reactivate', superAdmins, jsonBody(ReasonInput), async (c) => {
  await reactivateUser(c.var.ctx, { userId: c.req.param('id'), reason: c.req.valid('json').reason })
  return c.json({ user: toApiAdminUser((await userDetail(c.var.ctx, c.req.param('id'))).user) })
})

userAdminApi.post('/admin/users/:id/sign-out', jsonBody(ReasonInput), async (c) => c.json({ sessions_ended: await signOutEverywhere(c.var.ctx, { userId: c.req.param('id'), reason: c.req.valid('json').reason }) }))

userAdminApi.post('/admin/users/:id/resend-verification', async (c) => {
  await resendVerification(c.var.ctx, c.req.param('id'))
  return c.body(null, 202)
})

// A super admin invites an admin (emailed a link to choose a password).
userAdminApi.post('/admin/users', superAdmins, jsonBody(InviteAdminInput), async (c) => {
  const id = await inviteAdmin(c.var.ctx, c.req.valid('json'))
  return c.json({ user: toApiAdminUser((await userDetail(c.var.ctx, id)).user) }, 201)
})

userAdminApi.post('/admin/users/:id/admin-role', superAdmins, jsonBody(AdminRoleInput), async (c) => {
  const { admin_role, clinic_id, reason } = c.req.valid('json')
  await changeAdminRole(c.var.ctx, { userId: c.req.param('id'), adminRole: admin_role, clinicId: clinic_id, reason })
  return c.json({ user: toApiAdminUser((await userDetail(c.var.ctx, c.req.param('id'))).user) })
})

userAdminApi.post('/admin/users/:id/reset-second-factor', superAdmins, jsonBody(ReasonInput), async (c) => {
  await resetSecondFactor(c.var.ctx, { userId: c.req.param('id'), reason: c.req.valid('json').reason })
  return c.body(null, 204)
})
