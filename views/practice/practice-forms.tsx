import { LANGUAGE_CODES, languageName } from '../../src/lib/languages'
import { CONSULTATION_LABELS, formatDateTime, formatWholeDays } from '../../src/lib/format'
import { COMMON_TIME_ZONES } from '../../src/lib/viewer-timezone'
import { rangesShown } from '../../src/features/practice/forms'
import { PRACTICE_LIMITS } from '../../src/features/practice/schemas'
import { SpecialtySelect } from '../components/doctor-fields'
import { Field, FormMessage, type FormState } from '../components/form'

const WEEKDAYS = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday']

function Saved({ saved }: { saved?: boolean }) {
  return saved ? (
    <div class="notice" role="status">
      Saved.
    </div>
  ) : null
}

function ErrorText({ state, name }: { state?: FormState; name: string }) {
  const error = state?.errors?.[name]
  return error ? (
    <p id={`field-${name}-error`} class="field-error">
      {error}
    </p>
  ) : null
}

export function ProfilePage({ state, specialties, saved, offered = ['video', 'chat', 'in_person'] }: { state: FormState; specialties: { id: string; name: string }[]; saved?: boolean; offered?: readonly ('video' | 'chat' | 'in_person')[] }) {
  const v = state.values ?? {}
  return (
    <section aria-labelledby="profile-title" class="narrow">
      <h1 id="profile-title">Your public profile</h1>
      <Saved saved={saved} />
      <FormMessage state={state} />
      <form method="post" action="/doctor/profile" id="profile-form" data-keep-draft>
        <SpecialtySelect specialties={specialties} state={state} />
        <div class="field">
          <label for="field-bio">About you</label>
          <textarea id="field-bio" name="bio" rows={4} maxlength={PRACTICE_LIMITS.bio}>
            {v.bio ?? ''}
          </textarea>
          <ErrorText state={state} name="bio" />
        </div>
        <Field name="qualifications" label="Qualifications" state={state} maxlength={PRACTICE_LIMITS.qualifications} />
        <Field name="city" label="City" state={state} maxlength={PRACTICE_LIMITS.city} autocomplete="address-level2" />
        <Field name="practice_address" label="Practice address" hint="Street, number and postcode, where patients come for in-person visits. Required if you see patients in person." state={state} maxlength={PRACTICE_LIMITS.practiceAddress} autocomplete="street-address" />
        <fieldset>
          <legend>Languages you consult in</legend>
          <div class="check-grid">
            {LANGUAGE_CODES.map((code) => (
              <label>
                <input type="checkbox" name={`lang_${code}`} value="on" checked={v[`lang_${code}`] === 'on'} /> {languageName(code)}
              </label>
            ))}
          </div>
          <ErrorText state={state} name="languages" />
        </fieldset>
        <Field name="fee" label="Fee per consultation" hint="For example 45 or 45.50." state={state} inputmode="text" maxlength={PRACTICE_LIMITS.feeText} />
        <Field name="currency" label="Currency" hint="Three letters, such as EUR or USD." state={state} maxlength={PRACTICE_LIMITS.currency} />
        <label class="checkbox">
          <input type="checkbox" name="charge_up_front" value="on" checked={v.charge_up_front === 'on'} /> Patients pay when they book (the time is held for them while they pay)
        </label>
        <fieldset>
          <legend>Consultation types, their length in minutes and, if it differs, their fee</legend>
          {offered.map((type) => (
            <div class="row-form">
              <label>
                <input type="checkbox" name={`type_${type}`} value="on" checked={v[`type_${type}`] === 'on'} /> {CONSULTATION_LABELS[type]}
              </label>
              <label for={`field-duration_${type}`} class="visually-hidden">
                {CONSULTATION_LABELS[type]} length in minutes
              </label>
              <input id={`field-duration_${type}`} name={`duration_${type}`} type="number" min={5} max={480} value={v[`duration_${type}`] ?? '30'} />
              <label for={`field-fee_${type}`} class="visually-hidden">
                {CONSULTATION_LABELS[type]} fee (empty: the standard fee)
              </label>
              <input id={`field-fee_${type}`} name={`fee_${type}`} inputmode="decimal" maxlength={PRACTICE_LIMITS.feeText} placeholder="Standard fee" value={v[`fee_${type}`] ?? ''} />
            </div>
          ))}
          <ErrorText state={state} name="consultation_types" />
        </fieldset>
        <button type="submit">Save profile</button>
      </form>
    </section>
  )
}

export function AvailabilityPage({ state, saved }: { state: FormState; saved?: boolean }) {
  const v = state.values ?? {}
  const zones = v.timezone && !COMMON_TIME_ZONES.includes(v.timezone) ? [v.timezone, ...COMMON_TIME_ZONES] : COMMON_TIME_ZONES
  return (
    <section aria-labelledby="hours-title">
      <h1 id="hours-title">Working hours</h1>
      <Saved saved={saved} />
      <FormMessage state={state} />
      <form method="post" action="/doctor/availability" id="availability-form" data-keep-draft>
        <div class="field">
          <label for="field-timezone">Your time zone</label>
          <select id="field-timezone" name="timezone">
            {zones.map((z) => (
              <option value={z} selected={v.timezone === z}>
                {z.replace(/_/g, ' ')}
              </option>
            ))}
          </select>
          <ErrorText state={state} name="timezone" />
        </div>
        <Field name="slot_minutes" label="Slot length (minutes)" type="number" state={state} />
        <Field name="buffer_minutes" label="Break between appointments (minutes)" type="number" state={state} />
        <Field name="min_notice_minutes" label="Minimum notice (minutes)" hint="How soon before a slot patients may still book it." type="number" state={state} />
        <Field name="max_advance_days" label="Bookable up to (days ahead)" type="number" state={state} />
        <div class="field">
          <label>
            <input type="checkbox" name="auto_confirm" value="on" checked={v.auto_confirm === 'on'} /> Confirm bookings automatically
          </label>
          <p class="hint">Otherwise each booking waits for you to accept it.</p>
        </div>
        <fieldset>
          <legend>Weekly hours (leave a row empty for no hours)</legend>
          {WEEKDAYS.map((day, d) => (
            <fieldset class="weekday">
              <legend>{day}</legend>
              {/* The ranges in use and one more empty one: a short page, room to add. */}
              {Array.from({ length: rangesShown(v, d + 1) }, (_, i) => {
                const key = `w${d + 1}_${i}`
                return (
                  <div class="row-form">
                    <label for={`field-${key}_start`}>
                      <span class="visually-hidden">{day}, range {i + 1}, </span>from
                    </label>
                    <input id={`field-${key}_start`} name={`${key}_start`} type="time" value={v[`${key}_start`] ?? ''} aria-invalid={state.errors?.[`${key}_start`] ? 'true' : undefined} />
                    <label for={`field-${key}_end`}>
                      <span class="visually-hidden">{day}, range {i + 1}, </span>to
                    </label>
                    <input id={`field-${key}_end`} name={`${key}_end`} type="time" value={v[`${key}_end`] ?? ''} aria-invalid={state.errors?.[`${key}_end`] ? 'true' : undefined} />
                    <ErrorText state={state} name={`${key}_start`} />
                    <ErrorText state={state} name={`${key}_end`} />
                  </div>
                )
              })}
              {d === 0 ? (
                <button type="submit" class="secondary" name="copy_monday" value="1">
                  Copy Monday’s hours to Tuesday–Friday
                </button>
              ) : null}
            </fieldset>
          ))}
        </fieldset>
        <div class="sticky-actions">
          <button type="submit">Save working hours</button>
        </div>
      </form>
    </section>
  )
}

export type TimeOffItem = { id: string; start: string; end: string; reason: string | null }

// Leave that would cover booked appointments: which ones, and what becomes of them.
type Overlap = { id: string; start: string; patient: string; status: string }

function OverlapChoice({ overlapping, state, timezone }: { overlapping: Overlap[]; state?: FormState; timezone: string }) {
  const values = state?.values ?? {}
  return (
    <form method="post" action="/doctor/time-off" class="card" id="time-off-overlaps">
      <h2>
        This time off covers {overlapping.length} booked appointment{overlapping.length === 1 ? '' : 's'}
      </h2>
      <ul>
        {overlapping.map((a) => (
          <li>
            <a href={`/appointments/${a.id}`}>{formatDateTime(new Date(a.start), timezone)}</a> — {a.patient}
            {a.status === 'pending' ? ' (request)' : ''}
          </li>
        ))}
      </ul>
      {(['start', 'end', 'reason'] as const).map((name) => (values[name] ? <input type="hidden" name={name} value={values[name]} /> : null))}
      <fieldset>
        <legend>What should happen to them?</legend>
        <label class="choice">
          <input type="radio" name="overlapping" value="cancel" required /> Cancel them. Each patient is told and offered another time.
        </label>
        <label class="choice">
          <input type="radio" name="overlapping" value="keep" /> Keep them. I will see these patients.
        </label>
      </fieldset>
      <div class="actions">
        <button type="submit">Add time off</button>
        <a href="/doctor/time-off">Do not add it</a>
      </div>
    </form>
  )
}

// Whole days read as dates ("24–26 December 2026"); anything else as its two instants.
function timeOffSpan(t: TimeOffItem, timezone: string) {
  return formatWholeDays(new Date(t.start), new Date(t.end), timezone) ?? `${formatDateTime(new Date(t.start), timezone)} → ${formatDateTime(new Date(t.end), timezone)}`
}

export function TimeOffPage({ items, state, timezone, overlapping, notice }: { items: TimeOffItem[]; state?: FormState; timezone: string; overlapping?: Overlap[]; notice?: string }) {
  return (
    <section aria-labelledby="off-title" class="narrow">
      <h1 id="off-title">Time off</h1>
      <p>Patients cannot book you during time off. Days are whole days in {timezone.replace(/_/g, ' ')}.</p>
      {notice ? (
        <div class="notice" role="status">
          {notice}
        </div>
      ) : null}
      <FormMessage state={state} />
      {overlapping?.length ? <OverlapChoice overlapping={overlapping} state={state} timezone={timezone} /> : null}
      <form method="post" action="/doctor/time-off" id="time-off-form">
        <Field name="start" label="First day" type="date" state={state} required />
        <Field name="end" label="Last day" hint="The same as the first day for a single day." type="date" state={state} required />
        <Field name="reason" label="Note for yourself (optional)" state={state} maxlength={PRACTICE_LIMITS.timeOffReason} />
        <button type="submit">Add time off</button>
      </form>
      <h2>Planned</h2>
      {items.length === 0 ? <p class="empty">No time off planned. Add days above when you will be away.</p> : null}
      <ul class="plain-list" role="list">
        {items.map((t) => (
          <li class="card">
            <p>
              {timeOffSpan(t, timezone)}
              {t.reason ? ` · ${t.reason}` : ''}
            </p>
            <form method="post" action={`/doctor/time-off/${t.id}/delete`} class="inline-form">
              <button type="submit" class="secondary">
                Remove
              </button>
            </form>
          </li>
        ))}
      </ul>
    </section>
  )
}
