import { Hono, type Context } from 'hono'
import { NewDoctorPage, RejectPage } from '../../../views/admin/doctors-page'
import type { FormState } from '../../../views/components/form'
import type { AppEnv } from '../../env'
import { findActiveSpecialties } from '../specialties/queries'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { requireRole } from '../../middleware/access-control'

import { CreateDoctorInput, RejectInput } from './schemas'
import { toApiApplicant } from './present'
import { decideApplication, getApplicant, inviteDoctor } from './service'
import { ConfirmStep, isConfirmed } from '../../../views/components/confirm-step'

export const doctorVerificationRoutes = new Hono<AppEnv>()

doctorVerificationRoutes.use('/admin/doctors', requireRole('admin:super', 'admin:clinic'))
doctorVerificationRoutes.use('/admin/doctors/*', requireRole('admin:super', 'admin:clinic'))

// A rejection sent without a reason: the applicant's page asks again, with what went wrong.
async function renderRejectAgain(c: Context<AppEnv>, doctorId: string, error: string, status: ViewStatus) {
  const d = toApiApplicant(await getApplicant(c.var.ctx, doctorId))
  return renderView(c, { title: `Reject ${d.name}?`, body: <RejectPage doctor={d} error={error} />, status })
}

async function renderNewDoctor(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const specialties = await findActiveSpecialties(c.var.db)
  return renderView(c, { title: 'Add a doctor', body: <NewDoctorPage state={state} specialties={specialties} />, status })
}

doctorVerificationRoutes.get('/admin/doctors/new', (c) => renderNewDoctor(c))

doctorVerificationRoutes.post('/admin/doctors', (c) =>
  handleForm(c, {
    schema: CreateDoctorInput,
    submit: async (input) => {
      await inviteDoctor(c.var.ctx, input)
      return c.redirect('/admin/doctors?status=verified&done=created', 303)
    },
    render: (state, refusal) => renderNewDoctor(c, state, refusal.status),
  }),
)

async function confirmVerify(c: Context<AppEnv>, doctorId: string, values: Record<string, string>) {
  const d = toApiApplicant(await getApplicant(c.var.ctx, doctorId))
  return renderView(c, {
    title: 'Verify the doctor?',
    body: (
      <ConfirmStep action={`/admin/doctors/${d.id}/verify`} question={`Verify ${d.name}?`} confirmLabel="Yes, verify" backHref="/admin/doctors" backLabel="Not now" values={values}>
        <dl class="facts">
          <dt>Licence</dt>
          <dd>{d.license_number}</dd>
          <dt>Specialty</dt>
          <dd>{d.specialty}</dd>
          <dt>Email</dt>
          <dd>{d.email}</dd>
        </dl>
        <p>Check the licence with the register first. Once verified, {d.name} can be found and booked by patients at once, and is emailed.</p>
      </ConfirmStep>
    ),
  })
}

// The queue's buttons: verifying needs nothing more, rejecting a reason the doctor is sent.
const DECISION_FORMS = { verify: NoFields, reject: RejectInput }

doctorVerificationRoutes.post('/admin/doctors/:id/:decision{verify|reject}', (c) => {
  const decision = c.req.param('decision') as 'verify' | 'reject'
  return handleForm(c, {
    schema: DECISION_FORMS[decision],
    submit: async (input, values) => {
      // Verifying opens the doctor to bookings at once: it asks once more, naming who and what.
      if (decision === 'verify' && !isConfirmed(values)) return confirmVerify(c, c.req.param('id'), values)
      await decideApplication(c.var.ctx, { doctorId: c.req.param('id'), decision, reason: 'reason' in input ? input.reason : undefined })
      return c.redirect(`/admin/doctors?done=${decision === 'verify' ? 'verified' : 'rejected'}`, 303)
    },
    render: (state, refusal) => renderRejectAgain(c, c.req.param('id'), state.errors?.reason ? 'Please give a reason of at least 3 characters for the rejection.' : (state.message ?? 'The decision could not be made.'), refusal.status),
  })
})
