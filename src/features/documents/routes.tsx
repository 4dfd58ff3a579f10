import { Hono, type Context } from 'hono'
import { DocumentsPage } from '../../../views/documents/documents-page'
import type { FormState } from '../../../views/components/form'
import type { AppEnv } from '../../env'
import { handleForm, NoFields } from '../../core/form'
import { renderView, type ViewStatus } from '../../core/page'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { requireRole } from '../../middleware/access-control'
import { renderDetail } from '../appointments/detail-view'
import { download, upload } from './api'
import { toApiDocument } from './present'
import { deleteDocument, listDocuments, visitUploadTarget } from './service'

// The patient's documents page, downloads for pages, and the doctor's attach form target.
export const documentRoutes = new Hono<AppEnv>()

async function documentsPage(c: Context<AppEnv>, state?: FormState, status: ViewStatus = 200) {
  const rows = await listDocuments(c.var.ctx, c.var.ctx.actor!.id)
  const notice = c.req.query('uploaded') ? 'Document uploaded.' : c.req.query('deleted') ? 'Document deleted.' : undefined
  return renderView(c, {
    title: 'Documents',
    status,
    scripts: ['upload'],
    body: <DocumentsPage items={rows.map(toApiDocument)} viewerId={c.var.ctx.actor!.id} timezone={viewerTimeZone(c, 'UTC').timezone} state={state} notice={notice} />,
  })
}

documentRoutes.get('/record/documents', requireRole('patient'), (c) => documentsPage(c))

// Without JavaScript: the form posts here; a refusal comes back on the page with what was typed.
// The upload checks its own parts (the file among them), so the form's schema asks for nothing.
documentRoutes.post('/record/documents', requireRole('patient'), (c) =>
  handleForm(c, {
    schema: NoFields,
    submit: async () => {
      await upload(c, { patientId: c.var.ctx.actor!.id, appointmentId: null })
      return c.redirect('/record/documents?uploaded=1', 303)
    },
    render: (state, refusal) => documentsPage(c, state, refusal.status),
  }),
)

documentRoutes.post('/record/documents/:id/delete', requireRole('patient'), async (c) => {
  await deleteDocument(c.var.ctx, c.req.param('id'))
  return c.redirect('/record/documents?deleted=1', 303)
})

documentRoutes.get('/documents/:id/download', download)

documentRoutes.post('/appointments/:id/documents', (c) => {
  const id = c.req.param('id')
  return handleForm(c, {
    schema: NoFields,
    // Not the caller's appointment: the error page says so.
    rethrow: (e) => e.status === 404,
    submit: async () => {
      await upload(c, await visitUploadTarget(c.var.ctx, id))
      return c.redirect(`/appointments/${id}?attached=1`, 303)
    },
    render: (state, refusal) => {
      const why = state.errors ? Object.entries(state.errors).map(([field, message]) => `${field} ${message}`).join('; ') : state.message
      return renderDetail(c, id, { error: `The document was not attached: ${why}`, status: refusal.status })
    },
  })
})
