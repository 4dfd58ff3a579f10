import type { FieldErrors } from '../../src/lib/errors'
import { SafetyPanel, type SafetyView } from '../components/safety-panel'
import { formatDateTime } from '../../src/lib/format'
import { TEXT_LIMITS } from '../../src/core/input'
import { NOTE_LIMITS, type NoteContent } from '../../src/features/visit-notes/schemas'
import { FieldError, Notices, type FormState } from '../components/form'

// A visit's notes as the page shows them, with what the reader may do.
export type NoteView = {
  appointmentId: string
  patientId: string
  // What the reader may do: the appointment's doctor writes, everyone else only reads.
  canWrite: boolean
  appointmentStatus: string
  // For the visit's doctor: the patient's allergies and current medicines, beside the notes.
  safety?: SafetyView
  note: {
    status: 'draft' | 'final'
    content: NoteContent
    updatedAt: Date
    finalizedAt: Date | null
    amendments: { id: string; author: string; reason: string; previous: NoteContent; createdAt: Date }[]
  } | null
}

const SECTIONS: { name: keyof NoteContent; label: string; hint: string; rows: number }[] = [
  { name: 'subjective', label: 'Subjective', hint: 'What the patient tells you: symptoms, history, concerns.', rows: 5 },
  { name: 'objective', label: 'Objective', hint: 'What you observe or measure.', rows: 4 },
  { name: 'assessment', label: 'Assessment', hint: 'Your clinical impression.', rows: 4 },
  { name: 'plan', label: 'Plan', hint: 'Treatment, tests, follow-up.', rows: 4 },
  { name: 'diagnosis', label: 'Diagnosis', hint: 'Shown to the patient with the summary.', rows: 1 },
  { name: 'patient_summary', label: 'Summary for the patient', hint: 'Plain words; the patient sees this once the visit is completed.', rows: 5 },
]

export type NotesPageProps = {
  view: NoteView
  viewerRole: string
  timezone: string
  // A form sent back with what was typed and what was wrong with it.
  state?: FormState
  notice?: string
}

export function NotesPage(props: NotesPageProps) {
  const { view, timezone } = props
  const note = view.note
  return (
    <section aria-labelledby="notes-title">
      <p>
        <a href={`/appointments/${view.appointmentId}`}>← Back to the appointment</a>
      </p>
      <h1 id="notes-title">{props.viewerRole === 'patient' ? 'Visit summary' : 'Visit notes'}</h1>
      <Notices notice={props.notice} error={props.state?.message ?? (props.state?.errors ? 'Some fields need attention.' : undefined)} />
      {view.canWrite && view.safety ? <SafetyPanel safety={view.safety} /> : null}
      {props.viewerRole === 'patient' ? (
        <PatientSummary note={note} timezone={timezone} />
      ) : view.canWrite && note?.status !== 'final' ? (
        <DraftForm {...props} />
      ) : (
        <>
          {note ? <NoteBody content={note.content} /> : <p class="muted">No notes were written for this visit.</p>}
          {note ? <NoteMeta note={note} timezone={timezone} /> : null}
          {view.canWrite && note ? <AmendForm {...props} /> : null}
          {note && note.amendments.length > 0 ? <Amendments note={note} timezone={timezone} /> : null}
        </>
      )}
    </section>
  )
}

function PatientSummary({ note, timezone }: { note: NoteView['note']; timezone: string }) {
  if (!note) return <p class="muted">Your doctor’s summary of this visit will appear here once the visit is completed.</p>
  return (
    <>
      {note.content.diagnosis ? (
        <>
          <h2>Diagnosis</h2>
          <p>{note.content.diagnosis}</p>
        </>
      ) : null}
      <h2>What your doctor wrote for you</h2>
      <p class="prose">{note.content.patient_summary || 'No summary was written.'}</p>
      {note.finalizedAt ? <p class="muted small">Written {formatDateTime(note.finalizedAt, timezone)}</p> : null}
    </>
  )
}

function NoteBody({ content }: { content: NoteContent }) {
  return (
    <dl class="facts note-body">
      {SECTIONS.map((s) => (
        <>
          <dt>{s.label}</dt>
          <dd class="prose">{content[s.name] || '—'}</dd>
        </>
      ))}
    </dl>
  )
}

function NoteMeta({ note, timezone }: { note: NonNullable<NoteView['note']>; timezone: string }) {
  return (
    <p class="muted small">
      {note.status === 'final' ? `Final since ${formatDateTime(note.finalizedAt ?? note.updatedAt, timezone)}` : 'Draft'} · last changed {formatDateTime(note.updatedAt, timezone)}
    </p>
  )
}

function NoteFields({ values, errors }: { values: Partial<Record<string, string>>; errors?: FieldErrors }) {
  return (
    <>
      {SECTIONS.map((s) => {
        const id = `note-${s.name}`
        const error = errors?.[s.name]
        return (
          <div class="field">
            <label for={id}>{s.label}</label>
            <p id={`${id}-hint`} class="hint">
              {s.hint}
            </p>
            <textarea id={id} name={s.name} rows={s.rows} maxlength={s.name === 'diagnosis' ? NOTE_LIMITS.diagnosis : NOTE_LIMITS.section} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-hint ${id}-error` : `${id}-hint`}>
              {values[s.name] ?? ''}
            </textarea>
            <FieldError id={id} error={error} />
          </div>
        )
      })}
    </>
  )
}

// The draft saves itself a moment after the doctor stops typing (htmx, retried by visit-notes.js
// when the network fails); the button saves it without JavaScript.
function DraftForm(props: NotesPageProps) {
  const { view } = props
  const action = `/appointments/${view.appointmentId}/notes`
  const values = props.state?.values ?? view.note?.content ?? {}
  return (
    <form id={`note-form-${view.appointmentId}`} class="note-form" method="post" action={action} hx-post={action} hx-trigger="input delay:1500ms, autosave" hx-target="#note-status" hx-swap="innerHTML" data-keep-draft>
      <p class="muted">
        {view.appointmentStatus === 'completed'
          ? 'A draft, saved as you type. Finalise it when it is complete: the patient then sees the summary, and later changes are amendments.'
          : 'A draft, saved as you type. It becomes final when the visit is marked completed.'}
      </p>
      <NoteFields values={values} errors={props.state?.errors} />
      <p id="note-status" class="muted small" role="status" aria-live="polite">
        {view.note ? <SavedStatus at={view.note.updatedAt} timezone={props.timezone} /> : 'Not saved yet'}
      </p>
      <div class="actions">
        <button type="submit" class={view.appointmentStatus === 'completed' ? 'secondary' : undefined}>
          Save draft
        </button>
        {view.appointmentStatus === 'completed' ? (
          <button type="submit" name="finalize" value="1">
            Finalise notes
          </button>
        ) : null}
      </div>
    </form>
  )
}

export function SavedStatus({ at, timezone }: { at: Date; timezone: string }) {
  return <>Saved {formatDateTime(at, timezone)}</>
}

function AmendForm(props: NotesPageProps) {
  const note = props.view.note!
  const values = props.state?.values ?? note.content
  return (
    <details open={props.state?.errors ? true : undefined}>
      <summary>Amend these notes</summary>
      <form method="post" action={`/appointments/${props.view.appointmentId}/notes/amendments`}>
        <p class="muted">The notes are final. An amendment keeps the previous version and your reason.</p>
        <NoteFields values={values} errors={props.state?.errors} />
        <div class="field">
          <label for="amend-reason">Reason for the amendment</label>
          <textarea id="amend-reason" name="reason" rows={2} maxlength={TEXT_LIMITS.reason} required aria-invalid={props.state?.errors?.reason ? 'true' : undefined} aria-describedby={props.state?.errors?.reason ? 'amend-reason-error' : undefined}>
            {props.state?.values?.reason ?? ''}
          </textarea>
          <FieldError id="amend-reason" error={props.state?.errors?.reason} />
        </div>
        <button type="submit">Save amendment</button>
      </form>
    </details>
  )
}

function Amendments({ note, timezone }: { note: NonNullable<NoteView['note']>; timezone: string }) {
  return (
    <>
      <h2>Amendments</h2>
      <ol class="plain-list">
        {note.amendments.map((a) => (
          <li>
            <p>
              <strong>{formatDateTime(a.createdAt, timezone)}</strong>, {a.author}: {a.reason}
            </p>
            <details>
              <summary>Previous version</summary>
              <NoteBody content={a.previous} />
            </details>
          </li>
        ))}
      </ol>
    </>
  )
}
