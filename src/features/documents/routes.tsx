import { Hono, type Context } from 'hono'
import { DocumentsPage } from '../../../views/documents/documents-page'
import type { FormState } from '../../../views/components/form'
import type { AppEnv } from '../../env'
import { AppError } from '../../lib/errors'
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
documentRoutes.post('/record/documents', requireRole('patient'), async (c) => {
  try {
    await upload(c, { patientId: c.var.ctx.actor!.id, appointmentId: null })
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err
    const body = await c.req.parseBody().catch(() => ({}) as Record<string, unknown>)
    const values = { title: String(body.title ?? ''), category: String(body.category ?? '') }
    return documentsPage(c, { values, errors: err.fields, message: err.fields ? undefined : err.message }, err.status as ViewStatus)
  }
  return c.redirect('/record/documents?uploaded=1', 303)
})

documentRoutes.post('/record/documents/:id/delete', requireRole('patient'), async (c) => {
  await deleteDocument(c.var.ctx, c.req.param('id'))
  return c.redirect('/record/documents?deleted=1', 303)
})

documentRoutes.get('/documents/:id/download', download)

documentRoutes.post('/appointments/:id/documents', async (c) => {
  const id = c.req.param('id')
  try {
    await upload(c, await visitUploadTarget(c.var.ctx, id))
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500 || err.status === 404) throw err
    const why = err.fields ? Object.entries(err.fields).map(([field, message]) => `${field} ${message}`).join('; ') : err.message
    return renderDetail(c, id, { error: `The document was not attached: ${why}`, status: err.status as ViewStatus })
  }
  return c.redirect(`/appointments/${id}?attached=1`, 303)
})
