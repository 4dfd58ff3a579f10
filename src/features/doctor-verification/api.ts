import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody, queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'

import { inviteDoctor } from './invite'
import { CreateDoctorInput, ListQuery, RejectInput } from './schemas'
import { decideApplication, listDoctors } from './service'

// Verifying doctors is clinical governance: super and clinic admins, not support.
export const doctorVerificationApi = new Hono<AppEnv>()

doctorVerificationApi.use('/admin/doctors', requireRole('admin:super', 'admin:clinic'))
doctorVerificationApi.use('/admin/doctors/*', requireRole('admin:super', 'admin:clinic'))


doctorVerificationApi.get('/admin/doctors', queryParams(ListQuery), async (c) =>
  c.json({ items: await listDoctors(c.var.ctx, c.req.valid('query').status), next_cursor: null }),
)
doctorVerificationApi.post('/admin/doctors', jsonBody(CreateDoctorInput), async (c) => c.json({ doctor: await inviteDoctor(c.var.ctx, c.req.valid('json')) }, 201))
doctorVerificationApi.post('/admin/doctors/:id/verify', async (c) => c.json({ doctor: await decideApplication(c.var.ctx, c.req.param('id'), 'verify') }))
doctorVerificationApi.post('/admin/doctors/:id/reject', jsonBody(RejectInput), async (c) =>
  c.json({ doctor: await decideApplication(c.var.ctx, c.req.param('id'), 'reject', c.req.valid('json').reason) }),
)
