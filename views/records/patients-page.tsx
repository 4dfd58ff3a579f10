import { TEXT_LIMITS } from '../../src/core/input'
import type { ApiPatient } from '../../src/features/records/present'
import { formatDateTime, formatIsoDate } from '../../src/lib/format'
import { NextPage } from '../components/pager'

export type PatientsView = { items: ApiPatient[]; nextCursor: string | null; q: string; timezone: string }

// A doctor's patients, searchable as you type (htmx swaps the results) and by a plain GET form.
export function PatientsPage(view: PatientsView) {
  return (
    <section aria-labelledby="patients-title">
      <h1 id="patients-title">My patients</h1>
      <form method="get" action="/doctor/patients" role="search" aria-label="Patients" class="search-form"
        hx-get="/doctor/patients" hx-target="#patient-results" hx-push-url="true" hx-trigger="input changed delay:400ms from:find input, submit">
        <div class="field">
          <label for="patients-q">Name or email</label>
          <input id="patients-q" name="q" type="search" value={view.q} maxlength={TEXT_LIMITS.search} autocomplete="off" />
        </div>
        <button type="submit">Search</button>
      </form>
      <PatientResults {...view} />
    </section>
  )
}

export function PatientResults({ items, nextCursor, q, timezone }: PatientsView) {
  return (
    <div id="patient-results" aria-live="polite">
      {items.length === 0 ? (
        <p class="muted">{q ? `No patient matches “${q}”.` : 'No patients yet: people appear here once they book with you.'}</p>
      ) : (
        <div class="table-wrap" tabindex={0} role="region" aria-label="Patients (scrolls sideways)">
          <table class="cards-narrow">
            <thead>
              <tr>
                <th scope="col">Patient</th>
                <th scope="col">Born</th>
                <th scope="col">Last visit</th>
                <th scope="col">Next appointment</th>
              </tr>
            </thead>
            <tbody>
              {items.map((p) => (
                <tr>
                  <td>
                    <a href={`/doctor/patients/${p.id}`}>{p.name}</a>
                    <br />
                    <span class="muted small">{p.email}</span>
                  </td>
                  <td data-label="Born">{p.date_of_birth ? formatIsoDate(p.date_of_birth) : '—'}</td>
                  <td data-label="Last visit">{p.last_visit_at ? formatDateTime(new Date(p.last_visit_at), timezone) : '—'}</td>
                  <td data-label="Next appointment">{p.next_appointment_at ? formatDateTime(new Date(p.next_appointment_at), timezone) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <NextPage href="/doctor/patients" cursor={nextCursor} params={q ? { q } : {}} label="More patients" />
    </div>
  )
}
