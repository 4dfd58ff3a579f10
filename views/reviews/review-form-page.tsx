import { REVIEW_TEXT_MAX } from '../../src/features/reviews/schemas'
import { FieldError, FormMessage, type FormState } from '../components/form'

export type ReviewFormProps = { appointmentId: string; doctorName: string; refusal?: string; state?: FormState }

// Rating a completed visit: stars, a few words if the patient wishes, and how they are named.
export function ReviewFormPage({ appointmentId, doctorName, refusal, state }: ReviewFormProps) {
  const values = state?.values ?? {}
  return (
    <section aria-labelledby="review-title" class="narrow">
      <h1 id="review-title">Review your visit with {doctorName}</h1>
      {refusal ? (
        <div class="notice" role="status">
          <p>{refusal}</p>
          <p>
            <a href={`/appointments/${appointmentId}`}>Back to the appointment</a>
          </p>
        </div>
      ) : (
        <form method="post" action={`/appointments/${appointmentId}/review`}>
          <FormMessage state={state} />
          <fieldset aria-describedby={state?.errors?.rating ? 'rating-error' : undefined}>
            <legend>How was it?</legend>
            {[5, 4, 3, 2, 1].map((stars) => (
              <label class="choice">
                <input type="radio" name="rating" value={String(stars)} checked={values.rating === String(stars)} required /> {'★'.repeat(stars)} {stars} {stars === 1 ? 'star' : 'stars'}
              </label>
            ))}
            <FieldError id="rating" error={state?.errors?.rating} />
          </fieldset>
          <div class="field">
            <label for="field-comment">In your own words (optional)</label>
            <p id="field-comment-hint" class="hint">
              Others will read this. Please leave out medical details you would not share publicly.
            </p>
            <textarea id="field-comment" name="comment" rows={5} maxlength={REVIEW_TEXT_MAX} aria-describedby={`field-comment-hint${state?.errors?.comment ? ' field-comment-error' : ''}`}>
              {values.comment ?? ''}
            </textarea>
            <FieldError id="field-comment" error={state?.errors?.comment} />
          </div>
          <label class="checkbox">
            <input type="checkbox" name="anonymous" checked={values.anonymous === 'on'} /> Show my review as “Anonymous” (otherwise your first name and initial)
          </label>
          <button type="submit">Publish review</button>
        </form>
      )}
    </section>
  )
}
