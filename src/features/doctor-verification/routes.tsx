import { Hono, type Context } from 'hono'
import { AdminDoctorsPage } from '../../../views/admin/doctors-page'
import { DOCTOR_STATUSES, type DoctorStatus } from '../../db/schema/enums'
import type { AppEnv } from '../../env'
import { formFields } from '../../lib/validator'
import { refusalOf, renderView, type ViewStatus } from '../../lib/htmx'
import { requireRole } from '../../middleware/access-control'
import { authContext } from '../auth/context'
import { RejectInput } from './api'
import { decideApplication, listDoctors } from './service'

export const doctorVerificationRoutes = new Hono<AppEnv>()

doctorVerificationRoutes.use('/admin/doctors', requireRole('admin:super', 'admin:clinic'))
doctorVerificationRoutes.use('/admin/doctors/*', requireRole('admin:super', 'admin:clinic'))

async function renderQueue(c: Context<AppEnv>, status: DoctorStatus, extra: { notice?: string; error?: string; code?: ViewStatus } = {}) {
  const items = await listDoctors(authContext(c), status)
  return renderView(c, { title: 'Doctors', body: <AdminDoctorsPage items={items} status={status} notice={extra.notice} error={extra.error} />, status: extra.code })
}

doctorVerificationRoutes.get('/admin/doctors', (c) => {
  const asked = c.req.query('status') as DoctorStatus
  const status = DOCTOR_STATUSES.includes(asked) ? asked : 'pending'
  const done = c.req.query('done')
  return renderQueue(c, status, { notice: done === 'verified' ? 'Doctor verified and emailed.' : done === 'rejected' ? 'Application rejected; the doctor was emailed the reason.' : undefined })
})

doctorVerificationRoutes.post('/admin/doctors/:id/:decision{verify|reject}', async (c) => {
  const decision = c.req.param('decision') as 'verify' | 'reject'
  const body = await formFields(c)
  try {
    let reason: string | undefined
    if (decision === 'reject') {
      const parsed = RejectInput.safeParse({ reason: body.reason })
      if (!parsed.success) return renderQueue(c, 'pending', { error: 'Please give a reason of at least 3 characters for the rejection.', code: 422 })
      reason = parsed.data.reason
    }
    await decideApplication(authContext(c), c.req.param('id'), decision, reason)
  } catch (err) {
    const { message, status } = refusalOf(err)
    return renderQueue(c, 'pending', { error: message, code: status })
  }
  return c.redirect(`/admin/doctors?done=${decision === 'verify' ? 'verified' : 'rejected'}`, 303)
})
