import { tablePage } from '../../core/table-page'
import { Hono, type Context } from 'hono'
import { DoctorPage } from '../../../views/admin/doctor-page'
import { DoctorTablePage } from '../../../views/admin/doctor-table-page'
import { ApplicationPage } from '../../../views/doctors/application-page'
import type { FormState } from '../../../views/components/form'
import { requireActor } from '../../core/context'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import type { AppEnv } from '../../env'
import { AppError } from '../../lib/errors'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { multipartParts } from '../../lib/validator'
import { downloadHeaders } from '../documents/present'
import { readUploadOf } from '../documents/upload'
import { ReasonInput } from '../user-admin/schemas'
import { toApiAdminDoctor, toApiDoctorDocument } from './present'
import { ApplicationDocumentFields, DoctorEditInput, DoctorsQuery } from './schemas'
import { cancelUpcoming, changeDoctorStatus, doctorAdminDetail, editDoctor, listDoctorsTable, markDocumentReviewed, openDoctorDocument, ownApplication, uploadApplicationDocument } from './service'

export const doctorAdminRoutes = new Hono<AppEnv>()

const admins = requireRole('admin:super', 'admin:clinic')
doctorAdminRoutes.use('/admin/doctors', admins)
doctorAdminRoutes.use('/admin/doctors/*', admins)

const TABLE_NOTICES: Record<string, string> = {
  verified: 'Doctor verified and emailed.',
  rejected: 'Application rejected; the doctor was emailed the reason.',
  created: 'Doctor created and verified; an invitation to choose a password is on its way.',
}

doctorAdminRoutes.get('/admin/doctors', async (c) => {
  const { query, page, fields, understood } = await tablePage(c, DoctorsQuery, (q) => listDoctorsTable(c.var.ctx, q))
  const state = { ...fields, status: query.status, sort: query.sort, dir: query.dir }
  return renderView(c, {
    title: 'Doctors',
    body: (
      <DoctorTablePage
        items={page.items.map((d) => toApiAdminDoctor(d, c.var.ctx.now))}
        state={state}
        nextCursor={page.nextCursor}
        specialties={page.specialties}
        clinics={page.clinics}
        timezone={viewerTimeZone(c, 'UTC').timezone}
        notice={TABLE_NOTICES[c.req.query('done') ?? '']}
        error={understood ? undefined : 'Some filters were not understood, so the verification queue is shown.'}
      />
    ),
  })
})

const NOTICES: Record<string, string> = {
  saved: 'The profile is saved.',
  suspended: 'The doctor is suspended: hidden from search and booking, and told why.',
  reinstated: 'The doctor is reinstated and can be booked again.',
  reviewed: 'The document is marked as checked.',
}

async function renderDoctor(c: Context<AppEnv>, extra: { state?: FormState; notice?: string; error?: string; errorFor?: string; status?: ViewStatus } = {}) {
  const id = c.req.param('id')!
  const detail = await doctorAdminDetail(c.var.ctx, id)
  const { specialties, clinics } = detail
  const now = c.var.ctx.now
  const view = {
    doctor: toApiAdminDoctor(detail.doctor, now),
    documents: detail.documents.map(toApiDoctorDocument),
    upcoming: detail.upcoming.map((a) => ({ id: a.id, start: a.startAt.toISOString(), type: a.type, status: a.status, patient_name: a.patientName })),
    appointmentCounts: detail.appointmentCounts,
  }
  // A retired specialty the doctor keeps stays choosable for them.
  const choices = specialties.some((s) => s.id === view.doctor.specialty_id) ? specialties : [{ id: view.doctor.specialty_id, name: view.doctor.specialty }, ...specialties]
  return renderView(c, {
    title: detail.doctor.name,
    status: extra.status,
    body: <DoctorPage view={view} specialties={choices} clinics={clinics} canMoveClinic={requireActor(c.var.ctx).adminRole === 'super'} timezone={viewerTimeZone(c, 'UTC').timezone} state={extra.state} notice={extra.notice ?? NOTICES[c.req.query('done') ?? '']} error={extra.error} errorFor={extra.errorFor} />,
  })
}

doctorAdminRoutes.get('/admin/doctors/:id', (c) => renderDoctor(c))

doctorAdminRoutes.post('/admin/doctors/:id', (c) =>
  handleForm(c, {
    schema: DoctorEditInput,
    rethrow: (e) => e.status === 404,
    submit: async (input) => {
      await editDoctor(c.var.ctx, c.req.param('id'), input)
      return c.redirect(`/admin/doctors/${c.req.param('id')}?done=saved`, 303)
    },
    render: (state, refusal) => renderDoctor(c, { state, status: refusal.status }),
  }),
)

// The actions that change a doctor's standing ask why; a refusal comes back next to its form.
doctorAdminRoutes.post('/admin/doctors/:id/:action{suspend|reinstate|cancel-upcoming}', async (c) => {
  const id = c.req.param('id')
  const action = c.req.param('action') as 'suspend' | 'reinstate' | 'cancel-upcoming'
  const reason = ReasonInput.safeParse(await c.req.parseBody())
  if (!reason.success) return renderDoctor(c, { error: 'Say why, in a few words: it is kept in the audit log.', errorFor: action, status: 422 })
  try {
    if (action === 'cancel-upcoming') {
      const cancelled = await cancelUpcoming(c.var.ctx, id, reason.data.reason)
      return renderDoctor(c, { notice: `${cancelled} appointment${cancelled === 1 ? '' : 's'} cancelled; each patient was told.` })
    }
    await changeDoctorStatus(c.var.ctx, id, action, reason.data.reason)
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return renderDoctor(c, { error: err.message, errorFor: action, status: 409 })
    throw err
  }
  return c.redirect(`/admin/doctors/${id}?done=${action === 'suspend' ? 'suspended' : 'reinstated'}`, 303)
})

doctorAdminRoutes.get('/admin/doctors/:id/documents/:documentId', async (c) => {
  const { row, body } = await openDoctorDocument(c.var.ctx, c.req.param('id'), c.req.param('documentId'))
  return new Response(body, { headers: downloadHeaders(row) })
})

doctorAdminRoutes.post('/admin/doctors/:id/documents/:documentId/reviewed', async (c) => {
  try {
    await markDocumentReviewed(c.var.ctx, c.req.param('id'), c.req.param('documentId'))
  } catch (err) {
    if (err instanceof AppError && err.status === 409) return renderDoctor(c, { error: err.message, status: 409 })
    throw err
  }
  return c.redirect(`/admin/doctors/${c.req.param('id')}?done=reviewed`, 303)
})

// A doctor's own application documents (applicants included).
async function renderApplication(c: Context<AppEnv>, state?: FormState, status?: ViewStatus) {
  const { doctor, documents } = await ownApplication(c.var.ctx)
  return renderView(c, {
    title: 'Your licence and certificates',
    status,
    body: <ApplicationPage status={doctor.status} items={documents.map(toApiDoctorDocument)} timezone={viewerTimeZone(c, 'UTC').timezone} state={state} notice={c.req.query('uploaded') ? 'Uploaded: our team will check it.' : undefined} />,
  })
}

doctorAdminRoutes.get('/doctor-application', (c) => renderApplication(c))

doctorAdminRoutes.post('/doctor-application/documents', (c) =>
  handleForm(c, {
    schema: NoFields,
    submit: async () => {
      await uploadApplicationDocument(c.var.ctx, await readUploadOf(await multipartParts(c), ApplicationDocumentFields, { kind: 'other' }))
      return c.redirect('/doctor-application?uploaded=1', 303)
    },
    render: (state, refusal) => renderApplication(c, state, refusal.status),
  }),
)

doctorAdminRoutes.get('/doctor-application/documents/:documentId', async (c) => {
  const { doctor } = await ownApplication(c.var.ctx)
  const { row, body } = await openDoctorDocument(c.var.ctx, doctor.id, c.req.param('documentId'))
  return new Response(body, { headers: downloadHeaders(row) })
})
