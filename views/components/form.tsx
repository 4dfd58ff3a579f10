import type { Child } from 'hono/jsx'
import type { FormState } from '../../src/core/shapes'

export type { FormState }

// One labelled input with its error tied to it (aria-describedby), so a screen reader hears the
// problem with the field, and the user's value kept after a failed submit.
export function Field(props: {
  name: string
  label: string
  type?: string
  state?: FormState
  autocomplete?: string
  required?: boolean
  hint?: string
  inputmode?: 'numeric' | 'email' | 'tel' | 'text'
  maxlength?: number
  // When one page has two fields of the same name (several small forms).
  id?: string
}) {
  const id = props.id ?? `field-${props.name}`
  const error = props.state?.errors?.[props.name]
  const described = [props.hint ? `${id}-hint` : '', error ? `${id}-error` : ''].filter(Boolean).join(' ')
  const keepValue = props.type !== 'password'
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      {props.hint ? (
        <p id={`${id}-hint`} class="hint">
          {props.hint}
        </p>
      ) : null}
      <input
        id={id}
        name={props.name}
        type={props.type ?? 'text'}
        value={keepValue ? (props.state?.values?.[props.name] ?? '') : ''}
        autocomplete={props.autocomplete}
        required={props.required}
        inputmode={props.inputmode}
        maxlength={props.maxlength}
        aria-invalid={error ? 'true' : undefined}
        aria-describedby={described || undefined}
      />
      <FieldError id={id} error={error} />
    </div>
  )
}

// The form's overall message (a refused sign-in, a rate limit), announced when it appears.
export function FormMessage({ state }: { state?: FormState }) {
  const count = Object.keys(state?.errors ?? {}).length
  const text = state?.message ?? (count ? 'Please correct the fields marked below.' : undefined)
  if (!text) return null
  return (
    <div class="notice error" role="alert">
      {text}
    </div>
  )
}

export function HiddenInput({ name, value }: { name: string; value?: string }) {
  return value ? <input type="hidden" name={name} value={value} /> : null
}

export function AuthCard({ title, children }: { title: string; children: Child }) {
  return (
    <section class="auth-card" aria-labelledby="auth-title">
      <h1 id="auth-title">{title}</h1>
      {children}
    </section>
  )
}

// A page's outcome after a redirect (notice) or a refused action (error), announced politely or at once.
export function Notices({ notice, error, clearDraft }: { notice?: string; error?: string; clearDraft?: string }) {
  return (
    <>
      {notice ? (
        <div class="notice" role="status" data-clear-draft={clearDraft}>
          {notice}
        </div>
      ) : null}
      {error ? (
        <div class="notice error" role="alert">
          {error}
        </div>
      ) : null}
    </>
  )
}

// A labelled select with its error, keeping the chosen value after a failed submit.
export function SelectField(props: { name: string; label: string; options: readonly (string | readonly [string, string])[]; state?: FormState; blank?: string; id?: string }) {
  const id = props.id ?? `field-${props.name}`
  const error = props.state?.errors?.[props.name]
  const current = props.state?.values?.[props.name] ?? ''
  return (
    <div class="field">
      <label for={id}>{props.label}</label>
      <select id={id} name={props.name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined}>
        {props.blank !== undefined ? <option value="">{props.blank}</option> : null}
        {props.options.map((option) => {
          const [value, label] = typeof option === 'string' ? [option, option] : option
          return (
            <option value={value} selected={current === value}>
              {label}
            </option>
          )
        })}
      </select>
      <FieldError id={id} error={error} />
    </div>
  )
}

// A field's error, tied to its control by id: the control's aria-describedby names `${id}-error`.
export function FieldError({ id, error }: { id: string; error?: string }) {
  return error ? (
    <p id={`${id}-error`} class="field-error">
      {error}
    </p>
  ) : null
}
