import { Hono } from 'hono'
import { z } from 'zod'
import { DOCTOR_STATUSES } from '../../db/schema/enums'
import type { AppEnv } from '../../env'
import { jsonBody, queryParams } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { authContext } from '../auth/context'
import { decideApplication, listDoctors } from './service'

// Verifying doctors is clinical governance: super and clinic admins, not support.
export const doctorVerificationApi = new Hono<AppEnv>()

doctorVerificationApi.use('/admin/doctors', requireRole('admin:super', 'admin:clinic'))
doctorVerificationApi.use('/admin/doctors/*', requireRole('admin:super', 'admin:clinic'))

const ListQuery = z.object({ status: z.enum(DOCTOR_STATUSES, 'must be pending, verified, rejected or deactivated').default('pending') })
export const RejectInput = z.object({ reason: z.string().trim().min(3, 'must say why, in at least 3 characters').max(1000, 'must be at most 1000 characters') })

doctorVerificationApi.get('/admin/doctors', queryParams(ListQuery), async (c) =>
  c.json({ items: await listDoctors(authContext(c), c.req.valid('query').status), next_cursor: null }),
)
doctorVerificationApi.post('/admin/doctors/:id/verify', async (c) => c.json({ doctor: await decideApplication(authContext(c), c.req.param('id'), 'verify') }))
doctorVerificationApi.post('/admin/doctors/:id/reject', jsonBody(RejectInput), async (c) =>
  c.json({ doctor: await decideApplication(authContext(c), c.req.param('id'), 'reject', c.req.valid('json').reason) }),
)
