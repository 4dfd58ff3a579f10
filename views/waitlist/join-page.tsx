import { TEXT_LIMITS } from '../../src/core/input'
import { FieldError, FormMessage, type FormState } from '../components/form'
import { TypeChoice } from '../components/type-choice'

export const WEEKDAY_NAMES = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'] as const
export const TIME_OF_DAY_LABELS = { morning: 'Mornings (7 am to noon)', afternoon: 'Afternoons (noon to 5 pm)', evening: 'Evenings (5 pm to 10 pm)' } as const

export type JoinPageProps = {
  doctor: { id: string; name: string; specialty: string }
  types: readonly ('video' | 'chat' | 'in_person')[]
  timezone: string
  defaults: { from: string; to: string }
  state?: FormState
}

// Joining a doctor's waitlist: which days and times suit, how to meet, and why. Each choice is a
// field of its own (a form post keeps one value per name).
export function JoinWaitlistPage({ doctor, types, timezone, defaults, state }: JoinPageProps) {
  const values = state?.values ?? {}
  const errors = state?.errors ?? {}
  const checked = (name: string) => values[name] === 'on'
  return (
    <section aria-labelledby="join-title" class="narrow">
      <h1 id="join-title">Wait for a time with {doctor.name}</h1>
      <p class="lead">When a time that suits you frees up, we hold it for you and send you a link: one tap books it.</p>
      <FormMessage state={state} />
      <form method="post" action={`/doctors/${doctor.id}/waitlist`}>
        <input type="hidden" name="timezone" value={timezone} />
        <fieldset>
          <legend>Between which days? ({timezone.replace(/_/g, ' ')})</legend>
          <div class="field">
            <label for="field-from">From</label>
            <input id="field-from" name="from" type="date" required value={values.from ?? defaults.from} aria-invalid={errors.from ? 'true' : undefined} aria-describedby={errors.from ? 'field-from-error' : undefined} />
            <FieldError id="field-from" error={errors.from} />
          </div>
          <div class="field">
            <label for="field-to">Until</label>
            <input id="field-to" name="to" type="date" required value={values.to ?? defaults.to} aria-invalid={errors.to ? 'true' : undefined} aria-describedby={errors.to ? 'field-to-error' : undefined} />
            <FieldError id="field-to" error={errors.to} />
          </div>
        </fieldset>
        <fieldset aria-describedby="weekdays-hint">
          <legend>Which days of the week?</legend>
          <p id="weekdays-hint" class="hint">
            Leave all unticked if any day suits you.
          </p>
          {WEEKDAY_NAMES.map((name, i) => (
            <label class="choice">
              <input type="checkbox" name={`weekday_${i + 1}`} checked={checked(`weekday_${i + 1}`)} /> {name}
            </label>
          ))}
        </fieldset>
        <fieldset aria-describedby="times-hint">
          <legend>Which times of day?</legend>
          <p id="times-hint" class="hint">
            Leave all unticked if any time suits you.
          </p>
          {Object.entries(TIME_OF_DAY_LABELS).map(([key, label]) => (
            <label class="choice">
              <input type="checkbox" name={`time_${key}`} checked={checked(`time_${key}`)} /> {label}
            </label>
          ))}
        </fieldset>
        <TypeChoice types={types} chosen={values.type} error={errors.type} />
        <div class="field">
          <label for="field-reason">What would you like help with?</label>
          <textarea id="field-reason" name="reason" rows={3} required minlength={3} maxlength={TEXT_LIMITS.reason} aria-invalid={errors.reason ? 'true' : undefined} aria-describedby={errors.reason ? 'field-reason-error' : undefined}>
            {values.reason ?? ''}
          </textarea>
          <FieldError id="field-reason" error={errors.reason} />
        </div>
        <button type="submit">Join the waitlist</button>
      </form>
    </section>
  )
}
