import { PROBLEM_MAX } from '../../src/features/consultation-requests/schemas'
import { FieldError, FormMessage, type FormState } from '../components/form'
import { TypeChoice } from '../components/type-choice'

// Asking a doctor for a consultation without choosing a slot: the problem and when suits.
export function AskPage({ doctor, types, state }: { doctor: { id: string; name: string }; types: readonly ('video' | 'chat' | 'in_person')[]; state?: FormState }) {
  const values = state?.values ?? {}
  const errors = state?.errors ?? {}
  return (
    <section aria-labelledby="ask-title" class="narrow">
      <h1 id="ask-title">Ask {doctor.name} for a consultation</h1>
      <p class="lead">Describe the problem and when suits you. {doctor.name} proposes a time, held for you until you confirm it.</p>
      <FormMessage state={state} />
      <form method="post" action={`/doctors/${doctor.id}/request`} id="request-form" data-keep-draft>
        <div class="field">
          <label for="field-problem">What is the problem?</label>
          <p id="field-problem-hint" class="hint">
            Only {doctor.name}, their clinic and you can read this.
          </p>
          <textarea id="field-problem" name="problem" rows={5} required minlength={10} maxlength={PROBLEM_MAX} aria-describedby={`field-problem-hint${errors.problem ? ' field-problem-error' : ''}`} aria-invalid={errors.problem ? 'true' : undefined}>
            {values.problem ?? ''}
          </textarea>
          <FieldError id="field-problem" error={errors.problem} />
        </div>
        <div class="field">
          <label for="field-preferred_times">When suits you?</label>
          <p id="field-preferred_times-hint" class="hint">
            For example: weekday mornings, or after 5 pm on Tuesdays.
          </p>
          <input id="field-preferred_times" name="preferred_times" required minlength={3} maxlength={500} value={values.preferred_times ?? ''} aria-describedby={`field-preferred_times-hint${errors.preferred_times ? ' field-preferred_times-error' : ''}`} aria-invalid={errors.preferred_times ? 'true' : undefined} />
          <FieldError id="field-preferred_times" error={errors.preferred_times} />
        </div>
        <TypeChoice types={types} chosen={values.type} error={errors.type} />
        <button type="submit">Send the request</button>
      </form>
    </section>
  )
}
