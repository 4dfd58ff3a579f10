import { Hono, type Context } from 'hono'
import { PrescriptionFormPage, PrescriptionList, PrescriptionPage, PrescriptionReviewPage, PrintPage } from '../../../views/prescriptions/prescription-pages'
import type { AppEnv } from '../../env'
import type { FormState } from '../../core/shapes'
import { handleForm } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { viewerTimeZone } from '../../lib/viewer-timezone'

import { toApiPrescription, toApiPrescriptionSummary } from './present'
import { itemsFromForm, PrescriptionInput } from './schemas'
import { describeWarning } from './allergy-check'
import { formFields } from '../../lib/validator'
import type { AppError } from '../../lib/errors'
import { issuePrescription, listPrescriptions, prescribingContext, readPrescription, reviewPrescription } from './service'

// Prescription pages: the doctor's form, the prescription, its printable page and the list.
export const prescriptionRoutes = new Hono<AppEnv>()

const timezoneOf = (c: Context<AppEnv>) => viewerTimeZone(c, 'UTC').timezone

async function formPage(c: Context<AppEnv>, form: { supersedesId?: string; state?: FormState; status?: ViewStatus; blankRows?: number }) {
  const appointmentId = c.req.param('id')!
  const { context, safety } = await prescribingContext(c.var.ctx, { appointmentId, supersedesId: form.supersedesId })
  // A correction starts from the prescription it corrects.
  const items = !form.state && form.supersedesId ? (await readPrescription(c.var.ctx, form.supersedesId)).items : []
  return renderView(c, {
    title: form.supersedesId ? 'Correct a prescription' : 'New prescription',
    status: form.status,
    body: <PrescriptionFormPage appointmentId={appointmentId} patientName={context.patientName} supersedesId={form.supersedesId} safety={safety} items={items as never} state={form.state} blankRows={form.blankRows} />,
  })
}

async function reviewPage(c: Context<AppEnv>, input: PrescriptionInput, extra: { error?: string; status?: ViewStatus } = {}) {
  const appointmentId = c.req.param('id')!
  const review = await reviewPrescription(c.var.ctx, { ...input, appointmentId })
  return renderView(c, {
    title: 'Review the prescription',
    status: extra.status,
    body: (
      <PrescriptionReviewPage
        appointmentId={appointmentId}
        patientName={review.context.patientName}
        supersedesId={input.supersedes_id}
        items={input.items}
        safety={review.safety}
        warnings={review.warnings.map(describeWarning)}
        overrideReason={input.allergy_override_reason}
        error={extra.error}
      />
    ),
  })
}

// Not the doctor's visit, or gone: the error page says so.
const notTheirs = (e: AppError) => e.status === 404 || e.status === 403

prescriptionRoutes.get('/appointments/:id/prescriptions/new', (c) => formPage(c, { supersedesId: c.req.query('supersedes') || undefined }))

// The form's two buttons: "Add a medicine" (the form again, one row longer, nothing checked
// yet) and "Review prescription" (checked, then the review step); the review's "Change" comes
// back here too.
prescriptionRoutes.post('/appointments/:id/prescriptions/review', async (c) => {
  const values = await formFields(c)
  const supersedesId = values.supersedes_id || undefined
  if (values.add_row || values.edit) return formPage(c, { supersedesId, state: { values }, blankRows: values.add_row ? 1 : 0 })
  return handleForm(c, {
    schema: PrescriptionInput,
    input: itemsFromForm,
    rethrow: notTheirs,
    submit: (input) => reviewPage(c, input),
    render: (state, refusal) => formPage(c, { supersedesId, state, status: refusal.status }),
  })
})

prescriptionRoutes.post('/appointments/:id/prescriptions', (c) =>
  handleForm(c, {
    schema: PrescriptionInput,
    input: itemsFromForm,
    rethrow: notTheirs,
    submit: async (input) => {
      const prescription = await issuePrescription(c.var.ctx, { ...input, appointmentId: c.req.param('id') })
      return c.redirect(`/prescriptions/${prescription.id}?issued=1`, 303)
    },
    render: (state, refusal, values) => {
      // An allergy warning without a reason: back to the review step, which asks for one.
      if (refusal.code === 'allergy_warning') {
        const input = PrescriptionInput.parse(itemsFromForm(values))
        return reviewPage(c, input, { error: 'Give a reason to issue this prescription despite the allergy warning, or change it.', status: refusal.status })
      }
      // A correction the service refused (already corrected) is not offered again as one.
      return formPage(c, { supersedesId: refusal.status === 422 ? values.supersedes_id : undefined, state, status: refusal.status })
    },
  }),
)

prescriptionRoutes.get('/prescriptions', async (c) => {
  const reader = c.var.ctx.actor!
  const page = await listPrescriptions(c.var.ctx, { limit: 50, cursor: c.req.query('cursor') })
  return renderView(c, {
    title: 'Prescriptions',
    body: (
      <section aria-labelledby="rx-list-title">
        <h1 id="rx-list-title">Prescriptions</h1>
        <PrescriptionList items={page.rows.map(toApiPrescriptionSummary)} timezone={timezoneOf(c)} viewerRole={reader.role} nextCursor={page.nextCursor} />
      </section>
    ),
  })
})

prescriptionRoutes.get('/prescriptions/:id', async (c) => {
  const reader = c.var.ctx.actor!
  const prescription = await readPrescription(c.var.ctx, c.req.param('id'))
  return renderView(c, {
    title: 'Prescription',
    body: <PrescriptionPage prescription={toApiPrescription(prescription)} canCorrect={reader.role === 'doctor' && reader.doctorId === prescription.doctorId} timezone={timezoneOf(c)} notice={c.req.query('issued') ? 'Prescription issued. The patient has been told by email.' : undefined} />,
  })
})

prescriptionRoutes.get('/prescriptions/:id/print', async (c) => {
  const prescription = await readPrescription(c.var.ctx, c.req.param('id'))
  return renderView(c, { title: 'Prescription (print)', body: <PrintPage prescription={toApiPrescription(prescription)} timezone={timezoneOf(c)} /> })
})
