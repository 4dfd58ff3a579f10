import { formatIsoDate, sentenceCase } from '../../src/lib/format'
import { languageName } from '../../src/lib/languages'
import { BLOOD_TYPES, SEVERITIES } from '../../src/db/schema/enums'
import type { ApiHistory, ApiHistoryItem, ApiProfile } from '../../src/features/patient-profile/present'
import { HISTORY_LIMITS, type HistoryKind } from '../../src/features/patient-profile/schemas'
import { Field, FormMessage, SelectField, type FormState } from '../components/form'
import { RecordNav } from '../records/record-nav'

type FieldSpec = { name: string; label: string; type?: 'date'; options?: readonly string[]; required?: boolean; maxlength?: number }

// Each list of the history: its heading, the API key it comes under, its fields, and one line
// that sums an entry up.
export const HISTORY_VIEW: Record<HistoryKind, { title: string; key: keyof Omit<ApiHistory, 'blood_type'>; empty: string; fields: FieldSpec[]; line: (item: ApiHistoryItem) => string[] }> = {
  allergies: {
    title: 'Allergies',
    key: 'allergies',
    empty: 'No allergies recorded.',
    fields: [
      { name: 'substance', label: 'Substance', required: true, maxlength: HISTORY_LIMITS.substance },
      { name: 'reaction', label: 'Reaction', maxlength: HISTORY_LIMITS.reaction },
      { name: 'severity', label: 'Severity', options: SEVERITIES },
    ],
    line: (i) => [i.substance!, i.reaction ?? '', i.severity ? `${i.severity}` : ''],
  },
  medications: {
    title: 'Current medications',
    key: 'medications',
    empty: 'No medications recorded.',
    fields: [
      { name: 'name', label: 'Medicine', required: true, maxlength: HISTORY_LIMITS.name },
      { name: 'dose', label: 'Dose', maxlength: HISTORY_LIMITS.dose },
      { name: 'frequency', label: 'How often', maxlength: HISTORY_LIMITS.frequency },
      { name: 'started_on', label: 'Since', type: 'date' },
    ],
    line: (i) => [i.name!, [i.dose, i.frequency].filter(Boolean).join(', '), i.started_on ? `since ${formatIsoDate(i.started_on)}` : ''],
  },
  conditions: {
    title: 'Chronic conditions',
    key: 'chronic_conditions',
    empty: 'No chronic conditions recorded.',
    fields: [
      { name: 'name', label: 'Condition', required: true, maxlength: HISTORY_LIMITS.name },
      { name: 'diagnosed_on', label: 'Diagnosed', type: 'date' },
      { name: 'notes', label: 'Notes', maxlength: HISTORY_LIMITS.notes },
    ],
    line: (i) => [i.name!, i.diagnosed_on ? `diagnosed ${formatIsoDate(i.diagnosed_on)}` : '', i.notes ?? ''],
  },
  surgeries: {
    title: 'Past surgeries',
    key: 'surgeries',
    empty: 'No surgeries recorded.',
    fields: [
      { name: 'procedure', label: 'Procedure', required: true, maxlength: HISTORY_LIMITS.procedure },
      { name: 'performed_on', label: 'When', type: 'date' },
      { name: 'notes', label: 'Notes', maxlength: HISTORY_LIMITS.notes },
    ],
    line: (i) => [i.procedure!, i.performed_on ? formatIsoDate(i.performed_on) : '', i.notes ?? ''],
  },
}
export const HISTORY_ORDER: HistoryKind[] = ['allergies', 'medications', 'conditions', 'surgeries']

function ItemText({ kind, item }: { kind: HistoryKind; item: ApiHistoryItem }) {
  const [main, ...rest] = HISTORY_VIEW[kind].line(item)
  const details = rest.filter(Boolean).join(' · ')
  return (
    <>
      <strong>{main}</strong>
      {details ? <span class="muted"> — {details}</span> : null}
    </>
  )
}

// What an entry is called in a question or a notice: "Penicillin" (allergies).
export const entryName = (kind: HistoryKind, item: ApiHistoryItem) => `${HISTORY_VIEW[kind].line(item)[0]} (${HISTORY_VIEW[kind].title.toLowerCase()})`

// One entry with its Remove button. Removing asks first: without JavaScript on a page of its
// own, with htmx in the browser's dialog (and then the entry alone goes, with an Undo).
export function HistoryItem({ kind, item }: { kind: HistoryKind; item: ApiHistoryItem }) {
  const action = `/record/history/${kind}/${item.id}/delete`
  return (
    <li id={`history-${item.id}`}>
      <ItemText kind={kind} item={item} />{' '}
      <form method="post" action={action} hx-post={action} hx-target="closest li" hx-swap="outerHTML" hx-confirm={`Remove ${entryName(kind, item)} from your record?`} hx-vals='{"confirmed":"1"}' class="inline-form">
        <button type="submit" class="link-button">
          Remove<span class="visually-hidden"> {HISTORY_VIEW[kind].line(item)[0]}</span>
        </button>
      </form>
    </li>
  )
}

// The entry's fields as the add form takes them: Undo adds it back.
function UndoForm({ kind, item, htmx }: { kind: HistoryKind; item: ApiHistoryItem; htmx?: boolean }) {
  const action = `/record/history/${kind}`
  return (
    <form method="post" action={action} class="inline-form" {...(htmx ? { 'hx-post': action, 'hx-target': 'closest li', 'hx-swap': 'outerHTML' } : {})}>
      {HISTORY_VIEW[kind].fields.map((f) => (item[f.name] ? <input type="hidden" name={f.name} value={item[f.name]!} /> : null))}
      <input type="hidden" name="undo" value="1" />
      <button type="submit" class="link-button">
        Undo
      </button>
    </form>
  )
}

// In place of a removed entry (htmx): what went, and the way to bring it back.
export function RemovedItem({ kind, item }: { kind: HistoryKind; item: ApiHistoryItem }) {
  return (
    <li id={`history-${item.id}`} class="muted" role="status">
      Removed {entryName(kind, item)}. <UndoForm kind={kind} item={item} htmx />
    </li>
  )
}

// The add form; with htmx it replaces itself with a fresh one (or itself with errors) and the new
// entry joins the list out of band.
export function AddHistoryForm({ kind, state }: { kind: HistoryKind; state?: FormState }) {
  const view = HISTORY_VIEW[kind]
  const action = `/record/history/${kind}`
  return (
    <form id={`add-${kind}`} method="post" action={action} hx-post={action} hx-target="this" hx-swap="outerHTML" class="history-add" novalidate>
      <FormMessage state={state} />
      <div class="search-form">
        {view.fields.map((f) =>
          f.options ? (
            <SelectField name={f.name} id={`${kind}-${f.name}`} label={f.label} options={f.options} blank="Not given" state={state} />
          ) : (
            <Field name={f.name} id={`${kind}-${f.name}`} label={f.label} type={f.type} state={state} required={f.required} maxlength={f.maxlength} />
          ),
        )}
      </div>
      <button type="submit" class="secondary">
        Add to {view.title.toLowerCase()}
      </button>
    </form>
  )
}

export function HistoryPage({ history, forms = {}, bloodState, saved, removed }: { history: ApiHistory; forms?: Partial<Record<HistoryKind, FormState>>; bloodState?: FormState; saved?: boolean; removed?: { kind: HistoryKind; item: ApiHistoryItem } }) {
  return (
    <section aria-labelledby="history-title">
      <h1 id="history-title">Medical history</h1>
      <RecordNav current="/record/history" />
      {removed ? (
        <div class="notice" role="status">
          Removed {entryName(removed.kind, removed.item)}. <UndoForm kind={removed.kind} item={removed.item} />
        </div>
      ) : null}
      {saved ? (
        <div class="notice" role="status">
          Saved.
        </div>
      ) : null}
      <p class="lead">What your doctors should know. Only you, the doctors you book and clinic administrators can see it.</p>
      <h2 id="blood">Blood type</h2>
      <form method="post" action="/record/history/blood-type" class="row-form">
        <SelectField name="blood_type" label="Blood type" options={BLOOD_TYPES.map((t) => [t, t === 'unknown' ? 'I don’t know' : t] as const)} blank="Not given" state={bloodState ?? { values: { blood_type: history.blood_type ?? '' } }} />
        <button type="submit" class="secondary">
          Save blood type
        </button>
      </form>
      {HISTORY_ORDER.map((kind) => {
        const view = HISTORY_VIEW[kind]
        const items = history[view.key]
        return (
          <section aria-labelledby={`${kind}-title`} id={kind}>
            <h2 id={`${kind}-title`}>{view.title}</h2>
            <ul id={`list-${kind}`} class="plain-list history-list" aria-live="polite">
              {items.map((item) => (
                <HistoryItem kind={kind} item={item} />
              ))}
            </ul>
            {items.length === 0 ? <p class="muted small">{view.empty}</p> : null}
            <AddHistoryForm kind={kind} state={forms[kind]} />
          </section>
        )
      })}
    </section>
  )
}

// Read-only, for the doctor's view of a patient and the record overview.
export function MedicalHistorySummary({ history }: { history: ApiHistory }) {
  return (
    <div class="history-summary">
      <p>
        <strong>Blood type:</strong> {history.blood_type ?? 'not given'}
      </p>
      {HISTORY_ORDER.map((kind) => {
        const view = HISTORY_VIEW[kind]
        const items = history[view.key]
        return (
          <>
            <h3>{view.title}</h3>
            {items.length === 0 ? (
              <p class="muted small">{view.empty}</p>
            ) : (
              <ul>
                {items.map((item) => (
                  <li>
                    <ItemText kind={kind} item={item} />
                  </li>
                ))}
              </ul>
            )}
          </>
        )
      })}
    </div>
  )
}

export function ProfileSummary({ profile }: { profile: ApiProfile }) {
  const address = [profile.address_line1, profile.address_line2, [profile.postal_code, profile.city].filter(Boolean).join(' '), profile.country].filter(Boolean).join(', ')
  const emergency = [profile.emergency_contact_name, profile.emergency_contact_relation && `(${profile.emergency_contact_relation})`, profile.emergency_contact_phone].filter(Boolean).join(' ')
  return (
    <dl class="facts">
      <dt>Date of birth</dt>
      <dd>{profile.date_of_birth ? formatIsoDate(profile.date_of_birth) : '—'}</dd>
      <dt>Sex</dt>
      <dd>{profile.sex ? sentenceCase(profile.sex) : '—'}</dd>
      <dt>Contact</dt>
      <dd>{[profile.email, profile.phone].filter(Boolean).join(' · ')}</dd>
      <dt>Address</dt>
      <dd>{address || '—'}</dd>
      <dt>Emergency contact</dt>
      <dd>{emergency || '—'}</dd>
      <dt>Insurance</dt>
      <dd>{[profile.insurance_provider, profile.insurance_member_id].filter(Boolean).join(', member ') || '—'}</dd>
      <dt>Language and time zone</dt>
      <dd>
        {languageName(profile.preferred_language)}; times in {profile.timezone?.replace(/_/g, ' ') ?? 'the zone of each booking'}
      </dd>
    </dl>
  )
}
