import { Hono, type Context } from 'hono'
import type { AppEnv } from '../../env'
import { multipartParts } from '../../lib/validator'
import { requireRole } from '../../middleware/access-control'
import { downloadHeaders, toApiDocument } from './present'
import { deleteDocument, listDocuments, openDocument, readDocument, storeDocument, visitUploadTarget, type UploadTarget } from './service'
import { readUpload } from './upload'

// Documents and lab reports, stored in R2; this table of rows is their index and access scope.
export const documentsApi = new Hono<AppEnv>()

export async function upload(c: Context<AppEnv>, target: UploadTarget) {
  const parts = await readUpload(await multipartParts(c))
  return storeDocument(c.var.ctx, { target, upload: parts })
}

documentsApi.get('/patient/documents', requireRole('patient'), async (c) => {
  const rows = await listDocuments(c.var.ctx, c.var.ctx.actor!.id)
  return c.json({ items: rows.map(toApiDocument), next_cursor: null })
})

documentsApi.post('/patient/documents', requireRole('patient'), async (c) => {
  const id = await upload(c, { patientId: c.var.ctx.actor!.id, appointmentId: null })
  return c.json({ document: toApiDocument(await readDocument(c.var.ctx, id)) }, 201)
})

documentsApi.post('/appointments/:id/documents', async (c) => {
  const id = await upload(c, await visitUploadTarget(c.var.ctx, c.req.param('id')))
  return c.json({ document: toApiDocument(await readDocument(c.var.ctx, id)) }, 201)
})

documentsApi.get('/patient/documents/:id', async (c) => c.json({ document: toApiDocument(await readDocument(c.var.ctx, c.req.param('id'))) }))

export async function download(c: Context<AppEnv>) {
  const { row, body } = await openDocument(c.var.ctx, c.req.param('id')!)
  return new Response(body, { headers: downloadHeaders(row) })
}

documentsApi.get('/patient/documents/:id/download', download)

documentsApi.delete('/patient/documents/:id', async (c) => {
  await deleteDocument(c.var.ctx, c.req.param('id'))
  return c.body(null, 204)
})
