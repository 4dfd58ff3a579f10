import type { Child } from 'hono/jsx'

// The second step of an action there is no way back from (cancelling a visit, finalising notes,
// verifying a doctor…): the question, what will follow, and the same form again with
// `confirmed=1`, so it works without JavaScript. Everything the first form sent goes back with it.
export type ConfirmStepProps = {
  action: string
  question: string
  children?: Child
  confirmLabel: string
  backHref: string
  backLabel: string
  values: Record<string, string>
}

// Whether a form post is the confirmed second step.
export const isConfirmed = (values: Record<string, string>) => values.confirmed === '1'

export function ConfirmStep(props: ConfirmStepProps) {
  return (
    <section class="narrow confirm-step" aria-labelledby="confirm-title">
      <h1 id="confirm-title">{props.question}</h1>
      {props.children}
      <form method="post" action={props.action}>
        {Object.entries(props.values)
          .filter(([name]) => name !== 'confirmed')
          .map(([name, value]) => (
            <input type="hidden" name={name} value={value} />
          ))}
        <input type="hidden" name="confirmed" value="1" />
        <div class="actions">
          <button type="submit" class="danger">
            {props.confirmLabel}
          </button>
          <a class="button secondary" href={props.backHref}>
            {props.backLabel}
          </a>
        </div>
      </form>
    </section>
  )
}
