import { TEXT_LIMITS } from '../../src/core/input'
import { CONSULTATION_LABELS, formatDateTime, formatMoney } from '../../src/lib/format'
import { FormMessage, type FormState } from '../components/form'
import { SlotPicker, type PickerSlot } from '../components/slot-picker'
import { PracticeAddress } from '../components/practice-address'
import type { EmergencyGuidance } from '../../src/features/intake/present'
import { EmergencyAdvice, IntakeFields, type IntakeFieldsProps } from '../intake/intake-fields'

export type ConfirmPageProps = {
  doctor: { id: string; name: string; specialty: string; city: string | null; fee_cents: number; currency: string; consultation_types: { type: 'video' | 'chat' | 'in_person'; duration_minutes: number; fee_cents?: number }[]; practice_address?: string | null }
  start?: Date
  timezone: string
  idempotencyKey: string
  // When the chosen time is gone: the nearest free ones, to pick from right here.
  alternatives?: PickerSlot[]
  state?: FormState
  // The kinds of visit the platform offers (all by default).
  offered?: readonly ('video' | 'chat' | 'in_person')[]
  // The booking questionnaire of the doctor's specialty, and what a red flag shows.
  questionnaire: IntakeFieldsProps['questionnaire']
  guidance: EmergencyGuidance
  // A red flag was answered and the advice not yet seen (no script ran): it comes first, then
  // booking may go on.
  triage?: boolean
}

const ALL_TYPES = ['video', 'chat', 'in_person'] as const

// The last step: what, when, with whom, and why. The hidden idempotency key makes a double tap
// or a resubmission after a dropped connection land on the same booking.
export function ConfirmPage({ doctor, start, timezone, idempotencyKey, alternatives, state, offered = ALL_TYPES, questionnaire, guidance, triage }: ConfirmPageProps) {
  // Each offered way to meet with its length and fee; none is chosen for the patient. (A doctor
  // who has not said yet is met in any way, for a slot's length.) Only the kinds the platform
  // offers (the consultation types setting).
  const types: { type: 'video' | 'chat' | 'in_person'; duration_minutes?: number; fee_cents?: number }[] = (doctor.consultation_types.length ? doctor.consultation_types : ALL_TYPES.map((type) => ({ type }))).filter((t) => offered.includes(t.type))
  const chosenType = state?.values?.type
  const typeError = state?.errors?.type
  const reasonError = state?.errors?.reason
  return (
    <section aria-labelledby="confirm-title" class="narrow">
      {triage ? (
        <div class="notice error" role="alert" id="triage-first" tabindex={-1}>
          <h2>Your answers suggest you may need urgent help</h2>
          <EmergencyAdvice guidance={guidance} />
        </div>
      ) : null}
      <h1 id="confirm-title">Book with {doctor.name}</h1>
      <FormMessage state={triage ? undefined : state} />
      <form method="post" action={`/doctors/${doctor.id}/book`} id="booking-form" data-keep-draft>
        <input type="hidden" name="idempotency_key" value={idempotencyKey} />
        <input type="hidden" name="timezone" value={timezone} />
        {alternatives ? (
          <fieldset>
            <legend>Choose another time</legend>
            {alternatives.length ? (
              <SlotPicker slots={alternatives} days={[...new Set(alternatives.map((s) => s.start.toISOString().slice(0, 10)))]} timezone={timezone} />
            ) : (
              <p>
                No other times are free soon. <a href={`/doctors/${doctor.id}`}>See all of {doctor.name}’s times</a>.
              </p>
            )}
          </fieldset>
        ) : start ? (
          <>
            <input type="hidden" name="start" value={start.toISOString().replace('.000Z', 'Z')} />
            <dl class="facts">
              <dt>When</dt>
              <dd>
                <time datetime={start.toISOString()}>{formatDateTime(start, timezone)}</time> ({timezone.replace(/_/g, ' ')}) · <a href={`/doctors/${doctor.id}`}>change</a>
              </dd>
              <dt>Doctor</dt>
              <dd>
                {doctor.name}, {doctor.specialty}
              </dd>
            </dl>
          </>
        ) : null}
        <fieldset aria-describedby={typeError ? 'type-error' : undefined}>
          <legend>How would you like to meet?</legend>
          {types.map(({ type, duration_minutes, fee_cents }) => (
            <label class="choice">
              <input type="radio" name="type" value={type} checked={chosenType === type} required /> {CONSULTATION_LABELS[type]} ·{duration_minutes ? ` ${duration_minutes} minutes ·` : ''}{' '}
              {formatMoney(fee_cents ?? doctor.fee_cents, doctor.currency)}
              {type === 'in_person' && doctor.practice_address ? (
                <span class="hint">
                  {' '}
                  At <PracticeAddress address={doctor.practice_address} city={doctor.city} />
                </span>
              ) : null}
            </label>
          ))}
          {typeError ? (
            <p id="type-error" class="field-error">
              {typeError}
            </p>
          ) : null}
        </fieldset>
        <div class="field">
          <label for="field-reason">What would you like help with?</label>
          <p id="field-reason-hint" class="hint">
            A few words are enough. Only {doctor.name} and you can read this.
          </p>
          <textarea
            id="field-reason"
            name="reason"
            rows={3}
            required
            minlength={3}
            maxlength={TEXT_LIMITS.reason}
            aria-invalid={reasonError ? 'true' : undefined}
            aria-describedby={`field-reason-hint${reasonError ? ' field-reason-error' : ''}`}
          >
            {state?.values?.reason ?? ''}
          </textarea>
          {reasonError ? (
            <p id="field-reason-error" class="field-error">
              {reasonError}
            </p>
          ) : null}
        </div>
        <h2>Before the visit</h2>
        <p class="hint">These questions help {doctor.name} prepare. Only {doctor.name} and you can read the answers.</p>
        <IntakeFields questionnaire={questionnaire} guidance={guidance} values={{ ...(state?.values ?? {}), ...(triage ? { red_flag_seen: '1' } : {}) }} errors={state?.errors ?? {}} />
        <button type="submit">{triage ? 'Continue booking' : 'Book appointment'}</button>
      </form>
    </section>
  )
}
