import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'

import { CreateDoctorInput, RejectInput } from './schemas'
import { toApiApplicant } from './present'
import { decideApplication, inviteDoctor } from './service'

// Verifying doctors is clinical governance: super and clinic admins, not support.
export const doctorVerificationApi = new Hono<AppEnv>()

doctorVerificationApi.use('/admin/doctors', requireRole('admin:super', 'admin:clinic'))
doctorVerificationApi.use('/admin/doctors/*', requireRole('admin:super', 'admin:clinic'))

doctorVerificationApi.post('/admin/doctors', jsonBody(CreateDoctorInput), async (c) => c.json({ doctor: toApiApplicant(await inviteDoctor(c.var.ctx, c.req.valid('json'))) }, 201))
doctorVerificationApi.post('/admin/doctors/:id/verify', async (c) => c.json({ doctor: toApiApplicant(await decideApplication(c.var.ctx, { doctorId: c.req.param('id'), decision: 'verify' })) }))
doctorVerificationApi.post('/admin/doctors/:id/reject', jsonBody(RejectInput), async (c) =>
  c.json({ doctor: toApiApplicant(await decideApplication(c.var.ctx, { doctorId: c.req.param('id'), decision: 'reject', reason: c.req.valid('json').reason })) }),
)
