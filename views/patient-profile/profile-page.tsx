import { PROFILE_LIMITS, SEXES } from '../../src/features/patient-profile/schemas'
import { LANGUAGE_CODES, languageName } from '../../src/lib/languages'
import { COMMON_TIME_ZONES } from '../../src/lib/viewer-timezone'
import { Field, FormMessage, SelectField, type FormState } from '../components/form'
import { RecordNav } from '../records/record-nav'

const SEX_LABELS: Record<string, string> = { female: 'Female', male: 'Male', intersex: 'Intersex', prefer_not_to_say: 'Prefer not to say' }
const LANGUAGES = LANGUAGE_CODES.map((code) => [code, languageName(code)] as const)

export function ProfilePage({ state, saved }: { state: FormState; saved?: boolean }) {
  const zone = state.values?.timezone
  const zones = zone && !COMMON_TIME_ZONES.includes(zone) ? [zone, ...COMMON_TIME_ZONES] : COMMON_TIME_ZONES
  return (
    <section aria-labelledby="profile-title">
      <h1 id="profile-title">My profile</h1>
      <RecordNav current="/record/profile" />
      {saved ? (
        <div class="notice" role="status">
          Profile saved.
        </div>
      ) : null}
      <FormMessage state={state} />
      <form method="post" action="/record/profile" id="profile-form" novalidate>
        <fieldset>
          <legend>About you</legend>
          <Field name="name" label="Full name" state={state} autocomplete="name" required maxlength={PROFILE_LIMITS.name} />
          <Field name="date_of_birth" label="Date of birth" type="date" state={state} autocomplete="bday" />
          <SelectField name="sex" label="Sex" options={SEXES.map((s) => [s, SEX_LABELS[s]!] as const)} blank="Not given" state={state} />
          <Field name="phone" label="Phone" type="tel" state={state} autocomplete="tel" maxlength={PROFILE_LIMITS.phone} />
        </fieldset>
        <fieldset>
          <legend>Address</legend>
          <Field name="address_line1" label="Street and number" state={state} autocomplete="address-line1" maxlength={PROFILE_LIMITS.address_line1} />
          <Field name="address_line2" label="Address line 2" state={state} autocomplete="address-line2" maxlength={PROFILE_LIMITS.address_line2} />
          <Field name="city" label="City" state={state} autocomplete="address-level2" maxlength={PROFILE_LIMITS.city} />
          <Field name="postal_code" label="Postal code" state={state} autocomplete="postal-code" maxlength={PROFILE_LIMITS.postal_code} />
          <Field name="country" label="Country" state={state} autocomplete="country-name" maxlength={PROFILE_LIMITS.country} />
        </fieldset>
        <fieldset>
          <legend>Emergency contact</legend>
          <Field name="emergency_contact_name" label="Name" state={state} maxlength={PROFILE_LIMITS.emergency_contact_name} />
          <Field name="emergency_contact_phone" label="Phone" type="tel" state={state} maxlength={PROFILE_LIMITS.phone} />
          <Field name="emergency_contact_relation" label="Relation to you" state={state} maxlength={PROFILE_LIMITS.emergency_contact_relation} hint="For example: partner, parent, friend." />
        </fieldset>
        <fieldset>
          <legend>Insurance</legend>
          <Field name="insurance_provider" label="Provider" state={state} maxlength={PROFILE_LIMITS.insurance_provider} />
          <Field name="insurance_member_id" label="Member number" state={state} maxlength={PROFILE_LIMITS.insurance_member_id} hint="Stored encrypted." />
        </fieldset>
        <fieldset>
          <legend>Preferences</legend>
          <SelectField name="preferred_language" label="Preferred language" options={LANGUAGES} state={state} />
          <SelectField name="timezone" label="Time zone" options={zones.map((z) => [z, z.replace(/_/g, ' ')] as const)} state={state} />
        </fieldset>
        <button type="submit">Save profile</button>
      </form>
    </section>
  )
}
