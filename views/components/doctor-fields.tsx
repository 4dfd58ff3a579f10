import { ACCOUNT_LIMITS } from '../../src/features/auth/schemas'
import { Field, type FormState } from './form'

type Specialty = { id: string; name: string }

export function SpecialtySelect({ specialties, state, placeholder }: { specialties: Specialty[]; state?: FormState; placeholder?: string }) {
  const error = state?.errors?.specialty_id
  return (
    <div class="field">
      <label for="field-specialty_id">Specialty</label>
      <select id="field-specialty_id" name="specialty_id" required aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'field-specialty_id-error' : undefined}>
        {placeholder ? <option value="">{placeholder}</option> : null}
        {specialties.map((s) => (
          <option value={s.id} selected={state?.values?.specialty_id === s.id}>
            {s.name}
          </option>
        ))}
      </select>
      {error ? (
        <p id="field-specialty_id-error" class="field-error">
          {error}
        </p>
      ) : null}
    </div>
  )
}

// What identifies a doctor beyond the account: the licence we check, the specialty and a short bio.
export function DoctorDetailsFields({ specialties, state, bioLabel }: { specialties: Specialty[]; state?: FormState; bioLabel: string }) {
  const bioError = state?.errors?.bio
  return (
    <>
      <Field name="license_number" label="Licence number" required maxlength={ACCOUNT_LIMITS.licenseNumber} state={state} />
      <SpecialtySelect specialties={specialties} state={state} placeholder="Choose a specialty" />
      <div class="field">
        <label for="field-bio">{bioLabel}</label>
        <textarea id="field-bio" name="bio" rows={4} maxlength={ACCOUNT_LIMITS.bio} aria-invalid={bioError ? 'true' : undefined} aria-describedby={bioError ? 'field-bio-error' : undefined}>
          {state?.values?.bio ?? ''}
        </textarea>
        {bioError ? (
          <p id="field-bio-error" class="field-error">
            {bioError}
          </p>
        ) : null}
      </div>
    </>
  )
}
