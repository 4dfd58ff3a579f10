import { FieldError, FormMessage, Notices, type FormState } from '../components/form'

// A super admin edits one specialty's booking questionnaire: one label a line.
export function QuestionnairePage({ specialty, state, notice }: { specialty: { id: string; name: string; symptoms: string[]; red_flags: string[] }; state?: FormState; notice?: string }) {
  const values = state?.values ?? { symptoms: specialty.symptoms.join('\n'), red_flags: specialty.red_flags.join('\n') }
  const errors = state?.errors ?? {}
  return (
    <section aria-labelledby="questionnaire-title" class="narrow">
      <h1 id="questionnaire-title">Booking questionnaire: {specialty.name}</h1>
      <Notices notice={notice} />
      <FormMessage state={state} />
      <form method="post" action={`/admin/specialties/${specialty.id}/intake`}>
        <div class="field">
          <label for="field-red_flags">Red-flag questions (one a line)</label>
          <p id="field-red_flags-hint" class="hint">
            A patient ticking one sees the emergency guidance at once (Settings: Emergency guidance for red flags), and the visit is marked urgent.
          </p>
          <textarea id="field-red_flags" name="red_flags" rows={8} required aria-describedby={`field-red_flags-hint${errors.red_flags ? ' field-red_flags-error' : ''}`}>
            {values.red_flags ?? ''}
          </textarea>
          <FieldError id="field-red_flags" error={errors.red_flags} />
        </div>
        <div class="field">
          <label for="field-symptoms">Symptoms to tick (one a line)</label>
          <textarea id="field-symptoms" name="symptoms" rows={10} required aria-describedby={errors.symptoms ? 'field-symptoms-error' : undefined}>
            {values.symptoms ?? ''}
          </textarea>
          <FieldError id="field-symptoms" error={errors.symptoms} />
        </div>
        <button type="submit">Save the questionnaire</button>
      </form>
      <p>
        <a href="/admin/specialties">All specialties</a>
      </p>
    </section>
  )
}
