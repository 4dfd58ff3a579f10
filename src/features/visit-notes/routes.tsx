import { ConfirmStep, isConfirmed } from '../../../views/components/confirm-step'
import { Hono, type Context } from 'hono'
import { NotesPage, SavedStatus, type NotesPageProps } from '../../../views/visit-notes/notes-page'
import type { AppEnv } from '../../env'
import { handleForm } from '../../core/form'
import { isHtmx, renderView, type ViewStatus } from '../../core/page'
import type { AppError } from '../../lib/errors'
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
// Visit notes that vanished (404) are the error page's to say.
const notFound = (e: AppError) => e.status === 404

visitNoteRoutes.post('/appointments/:id/notes', (c) => {
  const id = c.req.param('id')
  return handleForm(c, {
    schema: NoteContent,
    rethrow: notFound,
    submit: async (content, values) => {
      // Autosave (htmx) only ever saves a draft; the form's "Finalise" button says finalize=1, and
      // finalising (which cannot be undone) asks once more, with the draft saved meanwhile.
      const asked = !isHtmx(c) && values.finalize === '1'
      const finalize = asked && isConfirmed(values)
      const saved = await saveVisitNote(c.var.ctx, { appointmentId: id, content, finalize })
      if (isHtmx(c)) return c.html(<SavedStatus at={saved.updatedAt} timezone={viewerTimeZone(c, 'UTC').timezone} />)
      if (asked && !finalize) {
        return renderView(c, {
          title: 'Finalise the notes?',
          body: (
            <ConfirmStep action={`/appointments/${id}/notes`} question="Finalise the notes?" confirmLabel="Yes, finalise" backHref={`/appointments/${id}/notes?saved=1`} backLabel="Not yet, keep the draft" values={values}>
              <p>The draft is saved. Once final, the patient can read the summary, and any later change is an amendment with a reason, kept beside the original.</p>
            </ConfirmStep>
          ),
        })
      }
      return c.redirect(`/appointments/${id}/notes?${finalize ? 'finalized' : 'saved'}=1`, 303)
    },
    render: (state, refusal) => {
      if (!isHtmx(c)) return notesPage(c, { state }, refusal.status)
      const why = state.errors ? Object.entries(state.errors).map(([field, message]) => `${field.replace('_', ' ')} ${message}`).join('; ') : state.message
      return c.html(<>Not saved: {why}</>, refusal.status)
    },
  })
})

visitNoteRoutes.post('/appointments/:id/notes/amendments', (c) => {
  const id = c.req.param('id')
  return handleForm(c, {
    schema: AmendmentInput,
    rethrow: notFound,
    submit: async ({ reason, ...content }) => {
      await amendVisitNote(c.var.ctx, { appointmentId: id, content, reason })
      return c.redirect(`/appointments/${id}/notes?amended=1`, 303)
    },
    render: (state, refusal) => notesPage(c, { state }, refusal.status),
  })
})
