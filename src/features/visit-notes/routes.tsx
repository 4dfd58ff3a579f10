import { Hono, type Context } from 'hono'
import { NotesPage, SavedStatus, type NotesPageProps } from '../../../views/visit-notes/notes-page'
import type { AppEnv } from '../../env'
import { isHtmx, refusalOf, renderView, type ViewStatus } from '../../core/page'
import { fieldErrors, formFields } from '../../lib/validator'
import { viewerTimeZone } from '../../lib/viewer-timezone'
import { AmendmentInput, NoteContent } from './schemas'
import { amendVisitNote, readVisitNote, saveVisitNote } from './service'

// SOAP visit notes on an appointment: the doctor's editor (autosaved drafts, amendments once
// final) and the patient's visit summary.
export const visitNoteRoutes = new Hono<AppEnv>()

const NOTICES = [
  ['saved', 'Notes saved.'],
  ['finalized', 'Notes finalised. The patient can now read the summary.'],
  ['amended', 'Amendment saved.'],
] as const

async function notesPage(c: Context<AppEnv>, extra: Omit<NotesPageProps, 'view' | 'viewerRole' | 'timezone'> = {}, status: ViewStatus = 200) {
  const reader = c.var.ctx.actor!
  const view = await readVisitNote(c.var.ctx, c.req.param('id')!)
  const timezone = viewerTimeZone(c, 'UTC').timezone
  const title = reader.role === 'patient' ? 'Visit summary' : 'Visit notes'
  return renderView(c, { title, status, scripts: view.canWrite ? ['visitNotes'] : undefined, body: <NotesPage view={view} viewerRole={reader.role} timezone={timezone} {...extra} /> })
}

visitNoteRoutes.get('/appointments/:id/notes', (c) =>
  notesPage(c, { notice: NOTICES.find(([key]) => c.req.query(key))?.[1] }),
)

// Autosave (htmx) answers with the status line only; the plain form comes back to the page.
visitNoteRoutes.post('/appointments/:id/notes', async (c) => {
  const values = await formFields(c)
  const parsed = NoteContent.safeParse(values)
  const id = c.req.param('id')
  if (!parsed.success) {
    const errors = fieldErrors(parsed.error)
    if (isHtmx(c)) return c.html(<>Not saved: {Object.entries(errors).map(([field, message]) => `${field.replace('_', ' ')} ${message}`).join('; ')}</>, 422)
    return notesPage(c, { values, errors, error: 'Some fields need attention.' }, 422)
  }
  try {
    // Autosave (htmx) only ever saves a draft; the form's "Finalise" button says finalize=1.
    const finalize = !isHtmx(c) && values.finalize === '1'
    const saved = await saveVisitNote(c.var.ctx, { appointmentId: id, content: parsed.data, finalize })
    if (isHtmx(c)) return c.html(<SavedStatus at={saved.updatedAt} timezone={viewerTimeZone(c, 'UTC').timezone} />)
    return c.redirect(`/appointments/${id}/notes?${finalize ? 'finalized' : 'saved'}=1`, 303)
  } catch (err) {
    const refusal = refusalOf(err, (e) => e.status === 404)
    if (isHtmx(c)) return c.html(<>Not saved: {refusal.message}</>, refusal.status)
    return notesPage(c, { values, error: refusal.message }, refusal.status)
  }
})

visitNoteRoutes.post('/appointments/:id/notes/amendments', async (c) => {
  const values = await formFields(c)
  const parsed = AmendmentInput.safeParse(values)
  const id = c.req.param('id')
  if (!parsed.success) return notesPage(c, { values, errors: fieldErrors(parsed.error), error: 'Some fields need attention.' }, 422)
  const { reason, ...content } = parsed.data
  try {
    await amendVisitNote(c.var.ctx, { appointmentId: id, content, reason })
  } catch (err) {
    const refusal = refusalOf(err, (e) => e.status === 404)
    return notesPage(c, { values, error: refusal.message }, refusal.status)
  }
  return c.redirect(`/appointments/${id}/notes?amended=1`, 303)
})
