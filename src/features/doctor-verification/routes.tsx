import { Hono, type Context } from 'hono'
import { AdminDoctorsPage, NewDoctorPage } from '../../../views/admin/doctors-page'
import type { FormState } from '../../../views/components/form'
import { DOCTOR_STATUSES, type DoctorStatus } from '../../db/schema/enums'
import type { AppEnv } from '../../env'
import { asFormValues, formBody, formFields } from '../../lib/validator'
import { findActiveSpecialties } from '../specialties/queries'
import { refusalOf, renderView, type ViewStatus } from '../../core/page'
import { requireRole } from '../../middleware/access-control'

import { CreateDoctorInput, RejectInput } from './schemas'
import { toApiApplicant } from './present'
import { decideApplication, inviteDoctor, listDoctors } from './service'

export const doctorVerificationRoutes = new Hono<AppEnv>()

doctorVerificationRoutes.use('/admin/doctors', requireRole('admin:super', 'admin:clinic'))
doctorVerificationRoutes.use('/admin/doctors/*', requireRole('admin:super', 'admin:clinic'))

async function renderQueue(c: Context<AppEnv>, status: DoctorStatus, extra: { notice?: string; error?: string; code?: ViewStatus } = {}) {
  const items = (await listDoctors(c.var.ctx, status)).map(toApiApplicant)
  return renderView(c, { title: 'Doctors', body: <AdminDoctorsPage items={items} status={status} notice={extra.notice} error={extra.error} />, status: extra.code })
}

const DONE_NOTICES: Record<string, string> = {
  verified: 'Doctor verified and emailed.',
  rejected: 'Application rejected; the doctor was emailed the reason.',
  created: 'Doctor created and verified; an invitation to choose a password is on its way.',
}

doctorVerificationRoutes.get('/admin/doctors', (c) => {
  const asked = c.req.query('status') as DoctorStatus
  const status = DOCTOR_STATUSES.includes(asked) ? asked : 'pending'
  const done = c.req.query('done')
  return renderQueue(c, status, { notice: DONE_NOTICES[done ?? ''] })
})

async function renderNewDoctor(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const specialties = await findActiveSpecialties(c.var.db)
  return renderView(c, { title: 'Add a doctor', body: <NewDoctorPage state={state} specialties={specialties} />, status })
}

doctorVerificationRoutes.get('/admin/doctors/new', (c) => renderNewDoctor(c))

doctorVerificationRoutes.post(
  '/admin/doctors',
  formBody(CreateDoctorInput, (c, values, errors) => renderNewDoctor(c as Context<AppEnv>, { values, errors }, 422)),
  async (c) => {
    const input = c.req.valid('form')
    try {
      await inviteDoctor(c.var.ctx, input)
    } catch (err) {
      const { message, status, errors } = refusalOf(err)
      return renderNewDoctor(c, { values: asFormValues(input), message, errors }, status)
    }
    return c.redirect('/admin/doctors?status=verified&done=created', 303)
  },
)

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
    await decideApplication(c.var.ctx, { doctorId: c.req.param('id'), decision, reason })
  } catch (err) {
    const { message, status } = refusalOf(err)
    return renderQueue(c, 'pending', { error: message, code: status })
  }
  return c.redirect(`/admin/doctors?done=${decision === 'verify' ? 'verified' : 'rejected'}`, 303)
})
