import type { ApiPrescription, ApiPrescriptionSummary } from '../../src/features/prescriptions/present'
import { itemsFromForm, ITEM_LIMITS, MAX_QUANTITY, MAX_REFILLS, ROUTES, type PrescriptionItem } from '../../src/features/prescriptions/schemas'
import type { FieldErrors } from '../../src/lib/errors'
import { formatDateTime, formatDay } from '../../src/lib/format'
import { FieldError, Notices, type FormState } from '../components/form'
import { NextPage } from '../components/pager'

const STATUS_LABEL: Record<string, string> = { issued: 'Issued', superseded: 'Replaced by a correction', draft: 'Draft' }

// A new prescription (or a correction): rows of medicines that work as a plain form; blank rows
// are ignored, so a doctor fills as many as they need.
export function PrescriptionFormPage(props: {
  appointmentId: string
  patientName: string
  supersedesId?: string
  // The rows to start from (a correction starts from the prescription it corrects)…
  items: Partial<Record<keyof PrescriptionItem, string | number>>[]
  // …or the form sent back with what was typed and what was wrong with it.
  state?: FormState
}) {
  const items = props.state?.values ? (itemsFromForm(props.state.values).items as typeof props.items) : props.items
  const errors = props.state?.errors
  const error = props.state?.message ?? (errors ? 'Some fields need attention.' : undefined)
  const rows = [...items, ...Array.from({ length: Math.max(0, 3 - items.length) }, () => ({}))]
  return (
    <section aria-labelledby="rx-title">
      <p>
        <a href={`/appointments/${props.appointmentId}`}>← Back to the appointment</a>
      </p>
      <h1 id="rx-title">{props.supersedesId ? 'Correct the prescription' : 'New prescription'} for {props.patientName}</h1>
      <Notices error={error} />
      {props.supersedesId ? <p class="muted">Issuing this replaces the earlier prescription, which stays on record marked as corrected.</p> : null}
      <form method="post" action={`/appointments/${props.appointmentId}/prescriptions`} data-keep-draft id={`rx-form-${props.appointmentId}`} novalidate>
        {props.supersedesId ? <input type="hidden" name="supersedes_id" value={props.supersedesId} /> : null}
        {errors?.items ? <p class="field-error" role="alert">{errors.items}</p> : null}
        {rows.map((row, i) => (
          <ItemFields index={i} values={row} errors={errors} />
        ))}
        <p class="muted small">Need more rows? Issue this prescription, then another.</p>
        <button type="submit">Issue prescription</button>
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
            {ROUTES.map((r) => (
              <option value={r} selected={(values.route ?? 'oral') === r}>
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
