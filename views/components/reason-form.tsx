// An admin action that changes someone's data: it asks why (kept in the audit log), and shows a
// refusal next to the field.
export function ReasonForm({ action, label, danger, error }: { action: string; label: string; danger?: boolean; error?: string }) {
  const id = `reason-${action.split('/').pop()}`
  return (
    <form method="post" action={action} class="stack">
      <label for={id}>Why? (kept in the audit log)</label>
      <input id={id} name="reason" required minlength={3} maxlength={1000} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? `${id}-error` : undefined} />
      {error ? (
        <p id={`${id}-error`} class="field-error">
          {error}
        </p>
      ) : null}
      <button type="submit" class={danger ? 'danger' : 'secondary'}>
        {label}
      </button>
    </form>
  )
}
