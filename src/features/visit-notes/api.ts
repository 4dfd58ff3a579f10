import { Hono } from 'hono'
import type { AppEnv } from '../../env'
import { parseKeyRing } from '../../lib/field-crypto'
import { jsonBody } from '../../lib/validator'
import { recordReader } from '../../core/record-access'
import { toApiNote } from './present'
import { AmendmentInput, SaveNoteInput } from './schemas'
import { amendVisitNote, readVisitNote, saveVisitNote } from './service'

// SOAP visit notes on an appointment: drafts, finalising, amendments.
export const visitNotesApi = new Hono<AppEnv>()

visitNotesApi.get('/appointments/:id/notes', async (c) => {
  const reader = recordReader(c)
  return c.json(toApiNote(await readVisitNote(c.var.db, parseKeyRing(c.env.ENCRYPTION_KEYS), reader, c.req.param('id')), reader))
})

visitNotesApi.put('/appointments/:id/notes', jsonBody(SaveNoteInput), async (c) => {
  const { finalize, ...content } = c.req.valid('json')
  const saved = await saveVisitNote(c.var.db, parseKeyRing(c.env.ENCRYPTION_KEYS), recordReader(c), c.req.param('id'), content, { finalize })
  return c.json({ status: saved.status, updated_at: saved.updatedAt.toISOString() })
})

visitNotesApi.post('/appointments/:id/notes/amendments', jsonBody(AmendmentInput), async (c) => {
  const { reason, ...content } = c.req.valid('json')
  const ring = parseKeyRing(c.env.ENCRYPTION_KEYS)
  const reader = recordReader(c)
  await amendVisitNote(c.var.db, ring, reader, c.req.param('id'), content, reason)
  return c.json(toApiNote(await readVisitNote(c.var.db, ring, reader, c.req.param('id')), reader), 201)
})
