import { ONSETS } from '../../src/features/intake/questionnaire'
import type { EmergencyGuidance } from '../../src/features/intake/present'
import { FieldError } from '../components/form'

export type IntakeFieldsProps = {
  questionnaire: { symptoms: readonly string[]; redFlags: readonly string[] }
  guidance: EmergencyGuidance
  values: Record<string, string>
  errors: Record<string, string>
}

// What to do now: the emergency number first, then the crisis lines.
export function EmergencyAdvice({ guidance }: { guidance: EmergencyGuidance }) {
  return (
    <>
      <p>
        <strong>
          If this is happening now, call <a href={`tel:${guidance.emergency_number.replace(/[^+0-9]/g, '')}`}>{guidance.emergency_number}</a> (emergency services) or go to the nearest emergency department. Do not wait for this appointment.
        </strong>
      </p>
      {guidance.crisis_lines ? <p>{guidance.crisis_lines}</p> : null}
      <p>You can still book: your doctor will see that it is urgent.</p>
    </>
  )
}

// The booking questionnaire. The red-flag questions come first; ticking one shows the emergency
// advice right below it at once (CSS :has, so even without JavaScript; site.js also announces it
// and tells the server it was seen). Each choice is a field of its own whose value is its label.
export function IntakeFields({ questionnaire, guidance, values, errors }: IntakeFieldsProps) {
  return (
    <>
      <fieldset class="intake-flags">
        <legend>Do you have any of these right now?</legend>
        {questionnaire.redFlags.map((label, i) => (
          <label class="choice">
            <input type="checkbox" class="red-flag" name={`red_flag_${i}`} value={label} checked={values[`red_flag_${i}`] === label} /> {label}
          </label>
        ))}
      </fieldset>
      <div class="notice error triage-guidance" role="alert" id="triage-guidance">
        <EmergencyAdvice guidance={guidance} />
      </div>
      <input type="hidden" name="red_flag_seen" value={values.red_flag_seen ?? ''} id="red-flag-seen" />
      <fieldset>
        <legend>Which symptoms do you have? (optional)</legend>
        {questionnaire.symptoms.map((label, i) => (
          <label class="choice">
            <input type="checkbox" name={`symptom_${i}`} value={label} checked={values[`symptom_${i}`] === label} /> {label}
          </label>
        ))}
      </fieldset>
      <div class="field">
        <label for="field-description">Describe it in your own words (optional)</label>
        <textarea id="field-description" name="description" rows={3} maxlength={2000} aria-describedby={errors.description ? 'field-description-error' : undefined}>
          {values.description ?? ''}
        </textarea>
        <FieldError id="field-description" error={errors.description} />
      </div>
      <div class="field">
        <label for="field-onset">When did it start? (optional)</label>
        <select id="field-onset" name="onset">
          <option value="">—</option>
          {Object.entries(ONSETS).map(([value, label]) => (
            <option value={value} selected={values.onset === value}>
              {label}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="field-severity">How bad is it, from 0 (not at all) to 10 (the worst imaginable)? (optional)</label>
        <input id="field-severity" name="severity" type="number" min={0} max={10} inputmode="numeric" value={values.severity ?? ''} aria-describedby={errors.severity ? 'field-severity-error' : undefined} />
        <FieldError id="field-severity" error={errors.severity} />
      </div>
      <div class="field">
        <label for="field-medicines">Which medicines do you take now? (optional)</label>
        <textarea id="field-medicines" name="medicines" rows={2} maxlength={1000}>
          {values.medicines ?? ''}
        </textarea>
      </div>
    </>
  )
}
