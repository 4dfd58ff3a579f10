import { Notices, type FormState } from '../components/form'

export type SettingItem = { key: string; label: string; help: string; value: unknown; default: unknown }

// A setting's fields: an object's own fields, or the one value (named "value").
const fieldsOf = (value: unknown): [string, unknown][] => (value !== null && typeof value === 'object' ? Object.entries(value) : [['value', value]])

const LABELS: Record<string, string> = {
  cancelNoticeHours: 'Cancel online until (hours before the start)',
  rescheduleNoticeHours: 'Move online until (hours before the start)',
  respondWithinHours: 'Answer within (hours after the request)',
  respondBeforeStartHours: 'And at least (hours before the start)',
  earlyHours: 'First reminder (hours before)',
  lateHours: 'Second reminder (hours before)',
  patient: 'Patients (minutes)',
  doctor: 'Doctors (minutes)',
  admin: 'Admins (minutes)',
  value: 'Days',
  text: 'Text',
  email: 'Email',
  phone: 'Phone',
}

function SettingForm({ item, state }: { item: SettingItem; state?: FormState }) {
  const id = item.key.replace(/\W/g, '-')
  return (
    <form method="post" action={`/admin/settings/${item.key}`} class="card stack" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>{item.label}</h2>
      <p class="muted">{item.help}</p>
      {state?.message ? (
        <p class="notice error" role="alert">
          {state.message}
        </p>
      ) : null}
      {fieldsOf(item.value).map(([name, value]) => {
        const fieldId = `${id}-${name}`
        const error = state?.errors?.[name]
        const shown = state?.values?.[name] ?? String(value ?? '')
        return (
          <div class="field">
            <label for={fieldId}>{LABELS[name] ?? name}</label>
            <input
              id={fieldId}
              name={name}
              type={typeof value === 'number' ? 'number' : name === 'email' ? 'email' : 'text'}
              step={typeof value === 'number' ? 'any' : undefined}
              value={shown}
              aria-invalid={error ? 'true' : undefined}
              aria-describedby={error ? `${fieldId}-error` : undefined}
            />
            {error ? (
              <p id={`${fieldId}-error`} class="field-error">
                {error}
              </p>
            ) : null}
          </div>
        )
      })}
      <button type="submit" class="secondary">
        Save
      </button>
    </form>
  )
}

// The platform settings (super admins): one form each, checked and audited when saved.
export function SettingsPage({ items, notice, failed }: { items: SettingItem[]; notice?: string; failed?: { key: string; state: FormState } }) {
  return (
    <section aria-labelledby="settings-title">
      <h1 id="settings-title">Settings</h1>
      <p>
        <a href="/admin/specialties">Specialties</a>: the list patients search by and doctors apply under.
      </p>
      <Notices notice={notice} />
      {items.map((item) => (
        <SettingForm item={item} state={failed?.key === item.key ? failed.state : undefined} />
      ))}
    </section>
  )
}
