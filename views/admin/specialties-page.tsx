import { Notices, type FormState } from '../components/form'

export type SpecialtyRow = { id: string; name: string; slug: string; active: boolean; doctors: number }

// The specialties patients search by and doctors apply under: add, rename, retire, restore.
export function SpecialtiesPage({ items, notice, state }: { items: SpecialtyRow[]; notice?: string; state?: FormState }) {
  const error = state?.errors?.name ?? state?.message
  return (
    <section aria-labelledby="specialties-title">
      <h1 id="specialties-title">Specialties</h1>
      <Notices notice={notice} />
      <form method="post" action="/admin/specialties" class="stack">
        <label for="new-specialty">A new specialty</label>
        <input id="new-specialty" name="name" required maxlength={60} value={state?.values?.name} aria-invalid={error ? 'true' : undefined} aria-describedby={error ? 'new-specialty-error' : undefined} />
        {error ? (
          <p id="new-specialty-error" class="field-error">
            The name {error}
          </p>
        ) : null}
        <button type="submit">Add</button>
      </form>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Specialties (scrolls sideways)">
        <table class="cards-narrow">
          <caption>Specialties</caption>
          <thead>
            <tr>
              <th scope="col">Name</th>
              <th scope="col">Verified doctors</th>
              <th scope="col">Status</th>
              <th scope="col">Change</th>
            </tr>
          </thead>
          <tbody>
            {items.map((s) => (
              <tr>
                <td>{s.name}</td>
                <td data-label="Verified doctors">{s.doctors}</td>
                <td data-label="Status">{s.active ? 'Offered' : <strong>Retired</strong>}</td>
                <td data-label="Change">
                  <form method="post" action={`/admin/specialties/${s.id}`} class="inline-form">
                    <label for={`rename-${s.id}`} class="visually-hidden">
                      New name for {s.name}
                    </label>
                    <input id={`rename-${s.id}`} name="name" maxlength={60} value={s.name} />
                    <button type="submit" class="secondary">
                      Rename<span class="visually-hidden"> {s.name}</span>
                    </button>
                  </form>{' '}
                  <form method="post" action={`/admin/specialties/${s.id}`} class="inline-form">
                    <input type="hidden" name="active" value={s.active ? 'false' : 'true'} />
                    <button type="submit" class="link-button">
                      {s.active ? 'Retire' : 'Offer again'}
                      <span class="visually-hidden"> {s.name}</span>
                    </button>
                  </form>{' '}
                  <a href={`/admin/specialties/${s.id}/intake`}>
                    Questionnaire<span class="visually-hidden"> of {s.name}</span>
                  </a>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p class="muted">A retired specialty leaves search and the doctor application form; doctors who practise it keep it.</p>
    </section>
  )
}
