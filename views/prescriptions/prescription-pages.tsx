import type { ApiPrescription, ApiPrescriptionSummary } from '../../src/features/prescriptions/present'
import { ITEM_FIELDS, itemsFromForm, ITEM_LIMITS, MAX_ITEMS, MAX_QUANTITY, MAX_REFILLS, OVERRIDE_REASON_MAX, ROUTES, type PrescriptionItem } from '../../src/features/prescriptions/schemas'
import type { FieldErrors } from '../../src/lib/errors'
import { formatDateTime, formatDay } from '../../src/lib/format'
import { FieldError, Notices, type FormState } from '../components/form'
import { NextPage } from '../components/pager'
import { SafetyPanel, type SafetyView } from '../components/safety-panel'

const STATUS_LABEL: Record<string, string> = { issued: 'Issued', superseded: 'Replaced by a correction', draft: 'Draft' }

type ItemValues = Partial<Record<keyof PrescriptionItem, string | number>>

// A new prescription (or a correction): rows of medicines that work as a plain form, one to start
// with and more on request; blank rows are ignored. Sending it shows a review step first.
export function PrescriptionFormPage(props: {
  appointmentId: string
  patientName: string
  supersedesId?: string
  safety: SafetyView
  // The rows to start from (a correction starts from the prescription it corrects)…
  items: ItemValues[]
  // …or the form sent back with what was typed and what was wrong with it.
  state?: FormState
  // Blank rows to show after the filled ones (one more each time "Add a medicine" is pressed).
  blankRows?: number
}) {
  const items = props.state?.values ? (itemsFromForm(props.state.values).items as ItemValues[]) : props.items
  const errors = props.state?.errors
  const error = props.state?.message ?? (errors ? 'Some fields need attention.' : undefined)
  const blank = Math.max(props.blankRows ?? 0, items.length ? 0 : 1)
  const rows = [...items, ...Array.from({ length: blank }, () => ({}))].slice(0, MAX_ITEMS)
  const base = `/appointments/${props.appointmentId}/prescriptions`
  return (
    <section aria-labelledby="rx-title">
      <p>
        <a href={`/appointments/${props.appointmentId}`}>← Back to the appointment</a>
      </p>
      <h1 id="rx-title">{props.supersedesId ? 'Correct the prescription' : 'New prescription'} for {props.patientName}</h1>
      <Notices error={error} />
      {props.supersedesId ? <p class="muted">Issuing this replaces the earlier prescription, which stays on record marked as corrected.</p> : null}
      <SafetyPanel safety={props.safety} />
      <form method="post" action={`${base}/review`} data-keep-draft id={`rx-form-${props.appointmentId}`} novalidate>
        {props.supersedesId ? <input type="hidden" name="supersedes_id" value={props.supersedesId} /> : null}
        {errors?.items ? <p class="field-error" role="alert">{errors.items}</p> : null}
        {rows.map((row, i) => (
          <ItemFields index={i} values={row} errors={errors} />
        ))}
        <div class="actions">
          <button type="submit">Review prescription</button>
          {rows.length < MAX_ITEMS ? (
            <button type="submit" class="secondary" name="add_row" value="1">
              Add a medicine
            </button>
          ) : null}
        </div>
      </form>
    </section>
  )
}

// The medicines as typed, carried through the review step unchanged.
function ItemsAsHiddenFields({ items }: { items: PrescriptionItem[] }) {
  return (
    <>
      {items.flatMap((item, i) => ITEM_FIELDS.map((field) => <input type="hidden" name={`items.${i}.${field}`} value={String(item[field] ?? '')} />))}
    </>
  )
}

// The last look before a prescription is issued: what will go out, what is known of the patient,
// and any allergy it may meet, which needs a reason to go on.
export function PrescriptionReviewPage(props: {
  appointmentId: string
  patientName: string
  supersedesId?: string
  items: PrescriptionItem[]
  safety: SafetyView
  warnings: string[]
  overrideReason?: string
  error?: string
}) {
  const base = `/appointments/${props.appointmentId}/prescriptions`
  const warned = props.warnings.length > 0
  return (
    <section aria-labelledby="rx-title">
      <h1 id="rx-title">Review the prescription for {props.patientName}</h1>
      <Notices error={props.error} />
      {warned ? (
        <div class="notice error" role="alert">
          <h2>Allergy warning</h2>
          <ul>
            {props.warnings.map((w) => (
              <li>{w}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <PrescriptionItems items={props.items} />
      <SafetyPanel safety={props.safety} />
      <form method="post" action={base} id={`rx-review-${props.appointmentId}`} novalidate>
        {props.supersedesId ? <input type="hidden" name="supersedes_id" value={props.supersedesId} /> : null}
        <ItemsAsHiddenFields items={props.items} />
        {warned ? (
          <div class="field">
            <label for="rx-override">Why issue it despite the warning?</label>
            <p class="hint" id="rx-override-hint">
              Required. Kept with the prescription and shown with it, e.g. “tolerated amoxicillin in 2024; allergy was a rash in childhood”.
            </p>
            <textarea id="rx-override" name="allergy_override_reason" rows={3} maxlength={OVERRIDE_REASON_MAX} required aria-describedby="rx-override-hint">
              {props.overrideReason ?? ''}
            </textarea>
          </div>
        ) : null}
        <div class="actions">
          <button type="submit" class={warned ? 'danger' : undefined}>
            {warned ? 'Issue despite the warning' : 'Issue prescription'}
          </button>
          <button type="submit" class="secondary" formaction={`${base}/review`} name="edit" value="1">
            Change the prescription
          </button>
        </div>
      </form>
    </section>
  )
}

function ItemFields({ index, values, errors }: { index: number; values: Partial<Record<string, string | number>>; errors?: FieldErrors }) {
  const field = (name: keyof PrescriptionItem, label: string, extra: { type?: string; inputmode?: 'numeric'; min?: number; max?: number } = {}) => {
    const key = `items.${index}.${name}`
    const id = `rx-${index}-${name}`
    const error = errors?.[key]
    return (
      <div class="field">
        <label for={id}>{label}</label>
        <input id={id} name={key} type={extra.type ?? 'text'} inputmode={extra.inputmode} maxlength={name in ITEM_LIMITS ? ITEM_LIMITS[name as keyof typeof ITEM_LIMITS] : undefined} min={extra.min} max={extra.max} value={values[name] === undefined ? '' : String(values[name])} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
        <FieldError id={id} error={error} />
      </div>
    )
  }
  const routeKey = `items.${index}.route`
  const routeError = errors?.[routeKey]
  return (
    <fieldset class="rx-item">
      <legend>Medicine {index + 1}</legend>
      <div class="search-form">
        {field('drug', 'Drug')}
        {field('strength', 'Strength')}
        {field('dose', 'Dose')}
        <div class="field">
          <label for={`rx-${index}-route`}>Route</label>
          <select id={`rx-${index}-route`} name={routeKey} aria-invalid={routeError ? 'true' : undefined} aria-describedby={routeError ? `rx-${index}-route-error` : undefined}>
            {/* No default: a cream must never go out as "oral" because nobody chose. */}
            <option value="" selected={!values.route}>
              Choose…
            </option>
            {ROUTES.map((r) => (
              <option value={r} selected={values.route === r}>
                {r}
              </option>
            ))}
          </select>
          <FieldError id={`rx-${index}-route`} error={routeError} />
        </div>
        {field('frequency', 'Frequency')}
        {field('duration', 'Duration')}
        {field('quantity', 'Quantity', { type: 'number', inputmode: 'numeric', min: 1, max: MAX_QUANTITY })}
        {field('refills', 'Refills', { type: 'number', inputmode: 'numeric', min: 0, max: MAX_REFILLS })}
      </div>
      {field('instructions', 'Instructions for the patient')}
    </fieldset>
  )
}

export function PrescriptionItems({ items }: { items: PrescriptionItem[] }) {
  return (
    <ol class="rx-items">
      {items.map((item) => (
        <li>
          <p>
            <strong>{item.drug}</strong> {item.strength}
          </p>
          <p>
            {item.dose}, {item.route}, {item.frequency}, for {item.duration}
          </p>
          <p>
            Quantity: {item.quantity} · Refills: {item.refills}
          </p>
          {item.instructions ? <p class="prose">{item.instructions}</p> : null}
        </li>
      ))}
    </ol>
  )
}

export function PrescriptionPage({ prescription: p, canCorrect, timezone, notice }: { prescription: ApiPrescription; canCorrect: boolean; timezone: string; notice?: string }) {
  return (
    <section aria-labelledby="rx-title">
      <Notices notice={notice} clearDraft={notice ? `rx-form-${p.appointment_id}` : undefined} />
      <h1 id="rx-title">Prescription</h1>
      <dl class="facts">
        <dt>Status</dt>
        <dd>
          {STATUS_LABEL[p.status] ?? p.status}
          {p.superseded_by_id ? (
            <>
              {' '}
              — <a href={`/prescriptions/${p.superseded_by_id}`}>see the correction</a>
            </>
          ) : null}
        </dd>
        <dt>Patient</dt>
        <dd>{p.patient.name}</dd>
        <dt>Doctor</dt>
        <dd>
          {p.doctor.name} (licence {p.doctor.license_number})
        </dd>
        <dt>Issued</dt>
        <dd>{p.issued_at ? formatDateTime(new Date(p.issued_at), timezone) : '—'}</dd>
        {p.supersedes_id ? (
          <>
            <dt>Corrects</dt>
            <dd>
              <a href={`/prescriptions/${p.supersedes_id}`}>the earlier prescription</a>
            </dd>
          </>
        ) : null}
      </dl>
      <PrescriptionItems items={p.items} />
      {p.allergy_override ? (
        <div class="notice" role="note">
          <h2>Issued despite an allergy warning</h2>
          <ul>
            {p.allergy_override.warnings.map((w) => (
              <li>{w.message}</li>
            ))}
          </ul>
          <p>
            <strong>The doctor’s reason:</strong> {p.allergy_override.reason}
          </p>
        </div>
      ) : null}
      <p class="actions">
        <a class="button" href={`/prescriptions/${p.id}/print`}>
          Printable version
        </a>
        {canCorrect && p.status === 'issued' ? <a href={`/appointments/${p.appointment_id}/prescriptions/new?supersedes=${p.id}`}>Correct this prescription</a> : null}
        <a href={`/appointments/${p.appointment_id}`}>The appointment</a>
      </p>
    </section>
  )
}

// What goes on paper: the prescriber (name, licence), the patient (name, date of birth), the
// date and the medicines. Page chrome is hidden by the print stylesheet.
export function PrintPage({ prescription: p, timezone }: { prescription: ApiPrescription; timezone: string }) {
  return (
    <article class="rx-print" aria-labelledby="rx-print-title">
      <p class="no-print">
        <a href={`/prescriptions/${p.id}`}>← Back</a> · Use your browser’s Print command (Ctrl+P or ⌘P); the page fits A4 and Letter.
      </p>
      <header>
        <h1 id="rx-print-title">Prescription</h1>
        {p.status === 'superseded' ? <p class="rx-void">REPLACED BY A CORRECTION — NOT VALID</p> : null}
      </header>
      <div class="rx-parties">
        <dl class="facts">
          <dt>Prescriber</dt>
          <dd>{p.doctor.name}</dd>
          <dt>Licence number</dt>
          <dd>{p.doctor.license_number}</dd>
          <dt>Date</dt>
          <dd>{p.issued_at ? formatDay(new Date(p.issued_at), timezone) : '—'}</dd>
        </dl>
        <dl class="facts">
          <dt>Patient</dt>
          <dd>{p.patient.name}</dd>
          <dt>Date of birth</dt>
          <dd>{p.patient.date_of_birth ?? '—'}</dd>
          <dt>Reference</dt>
          <dd class="small">{p.id}</dd>
        </dl>
      </div>
      <PrescriptionItems items={p.items} />
      <p class="rx-signature">Issued electronically through MediConnect by {p.doctor.name}.</p>
    </article>
  )
}

export function PrescriptionList({ items, timezone, viewerRole, nextCursor }: { items: ApiPrescriptionSummary[]; timezone: string; viewerRole: string; nextCursor?: string | null }) {
  if (items.length === 0) return <p class="muted">No prescriptions yet.</p>
  return (
    <>
      <ul class="plain-list">
        {items.map((p) => (
          <li>
            <a href={`/prescriptions/${p.id}`}>{p.issued_at ? formatDay(new Date(p.issued_at), timezone) : 'Prescription'}</a> — {viewerRole === 'doctor' ? p.patient.name : p.doctor.name}, {p.item_count} {p.item_count === 1 ? 'medicine' : 'medicines'}
            {p.status === 'superseded' ? <span class="muted"> (corrected)</span> : null}
          </li>
        ))}
      </ul>
      <NextPage href="/prescriptions" cursor={nextCursor} label="Older prescriptions" />
    </>
  )
}
