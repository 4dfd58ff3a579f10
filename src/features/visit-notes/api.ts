import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { jsonBody } from '../../lib/validator'
import { toApiNote } from './present'
import { AmendmentInput, SaveNoteInput } from './schemas'
import { amendVisitNote, readVisitNote, saveVisitNote } from './service'

// SOAP visit notes on an appointment: drafts, finalising, amendments.
export const visitNotesApi = new Hono<AppEnv>()

visitNotesApi.get('/appointments/:id/notes', async (c) => {
  return c.json(toApiNote(await readVisitNote(c.var.ctx, c.req.param('id')), c.var.ctx.actor!))
})

visitNotesApi.put('/appointments/:id/notes', jsonBody(SaveNoteInput), async (c) => {
  const { finalize, ...content } = c.req.valid('json')
  const saved = await saveVisitNote(c.var.ctx, { appointmentId: c.req.param('id'), content, finalize })
  return c.json({ status: saved.status, updated_at: saved.updatedAt.toISOString() })
})

visitNotesApi.post('/appointments/:id/notes/amendments', jsonBody(AmendmentInput), async (c) => {
  const { reason, ...content } = c.req.valid('json')
  await amendVisitNote(c.var.ctx, { appointmentId: c.req.param('id'), content, reason })
  return c.json(toApiNote(await readVisitNote(c.var.ctx, c.req.param('id')), c.var.ctx.actor!), 201)
})
