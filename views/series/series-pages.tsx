import { TEXT_LIMITS } from '../../src/core/input'
import { MAX_OCCURRENCES } from '../../src/features/series/schemas'
import { formatDateTime } from '../../src/lib/format'
import { FieldError, FormMessage, Notices, type FormState } from '../components/form'
import { TypeChoice } from '../components/type-choice'
import { STATUS_LABELS } from '../appointments/parts'

export type NewSeriesProps = { patient: { id: string; name: string }; types: readonly ('video' | 'chat' | 'in_person')[]; timezone: string; state?: FormState }

// The doctor books a series for one patient: the first visit's day and time, how often, how many.
export function NewSeriesPage({ patient, types, timezone, state }: NewSeriesProps) {
  const values = state?.values ?? {}
  const errors = state?.errors ?? {}
  return (
    <section aria-labelledby="series-title" class="narrow">
      <h1 id="series-title">Book a series for {patient.name}</h1>
      <FormMessage state={state} />
      <form method="post" action="/doctor/series">
        <input type="hidden" name="patient_id" value={patient.id} />
        <div class="field">
          <label for="field-date">First visit’s day</label>
          <input id="field-date" name="date" type="date" required value={values.date ?? ''} aria-invalid={errors.start ? 'true' : undefined} aria-describedby={errors.start ? 'field-date-error' : undefined} />
          <FieldError id="field-date" error={errors.start} />
        </div>
        <div class="field">
          <label for="field-time">Time ({timezone.replace(/_/g, ' ')})</label>
          <input id="field-time" name="time" type="time" required value={values.time ?? ''} />
        </div>
        <fieldset>
          <legend>How often?</legend>
          <label class="choice">
            <input type="radio" name="frequency" value="weekly" checked={values.frequency !== 'biweekly'} /> Every week
          </label>
          <label class="choice">
            <input type="radio" name="frequency" value="biweekly" checked={values.frequency === 'biweekly'} /> Every two weeks
          </label>
        </fieldset>
        <div class="field">
          <label for="field-occurrences">How many visits?</label>
          <input id="field-occurrences" name="occurrences" type="number" min={2} max={MAX_OCCURRENCES} required inputmode="numeric" value={values.occurrences ?? '6'} aria-describedby={errors.occurrences ? 'field-occurrences-error' : undefined} />
          <FieldError id="field-occurrences" error={errors.occurrences} />
        </div>
        <TypeChoice types={types} chosen={values.type ?? types[0]} error={errors.type} legend="Kind of visit" />
        <div class="field">
          <label for="field-reason">Reason (the patient sees it)</label>
          <textarea id="field-reason" name="reason" rows={2} required minlength={3} maxlength={TEXT_LIMITS.reason} aria-describedby={errors.reason ? 'field-reason-error' : undefined}>
            {values.reason ?? ''}
          </textarea>
          <FieldError id="field-reason" error={errors.reason} />
        </div>
        <button type="submit">Book the series</button>
      </form>
    </section>
  )
}

export type SeriesView = { id: string; frequency: string; viewer: 'patient' | 'doctor'; occurrences: { id: string; startAt: Date; status: string }[] }

// A series: each occurrence with its status; the rest can be cancelled from any one of them.
export function SeriesPage({ series, timezone, skipped, notice, error }: { series: SeriesView; timezone: string; skipped?: { start: Date; reason: string }[]; notice?: string; error?: string }) {
  const live = series.occurrences.filter((o) => (o.status === 'confirmed' || o.status === 'pending') && o.startAt.getTime() > Date.now())
  return (
    <section aria-labelledby="series-title" class="narrow">
      <h1 id="series-title">{series.frequency === 'weekly' ? 'Weekly' : 'Every two weeks'}: a series of visits</h1>
      <Notices notice={notice} error={error} />
      {skipped?.length ? (
        <div class="notice warn" role="status">
          <p>
            <strong>Not booked ({skipped.length}):</strong>
          </p>
          <ul>
            {skipped.map((s) => (
              <li>
                <time datetime={s.start.toISOString()}>{formatDateTime(s.start, timezone)}</time>: {s.reason}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      <ol>
        {series.occurrences.map((o) => (
          <li>
            <a href={`/appointments/${o.id}`}>
              <time datetime={o.startAt.toISOString()}>{formatDateTime(o.startAt, timezone)}</time>
            </a>{' '}
            · {STATUS_LABELS[o.status] ?? o.status}
          </li>
        ))}
      </ol>
      {live.length ? (
        <form method="post" action={`/series/${series.id}/cancel`} class="reason-form">
          <h2>Cancel the rest</h2>
          <div class="field">
            <label for="field-from">From this visit on</label>
            <select id="field-from" name="from">
              {live.map((o) => (
                <option value={o.id}>{formatDateTime(o.startAt, timezone)}</option>
              ))}
            </select>
          </div>
          <div class="field">
            <label for="field-cancel-reason">Reason (optional)</label>
            <input id="field-cancel-reason" name="reason" maxlength={TEXT_LIMITS.reason} />
          </div>
          <button type="submit" class="secondary">
            Cancel these visits
          </button>
        </form>
      ) : null}
    </section>
  )
}
