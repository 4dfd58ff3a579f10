import { LANGUAGE_CODES, languageName } from '../../src/lib/languages'
import { TEXT_LIMITS } from '../../src/core/input'
import { formatDateTime, formatMoney } from '../../src/lib/format'

export type DoctorResult = {
  id: string
  name: string
  specialty: string
  city: string | null
  languages: string[]
  fee_cents: number
  currency: string
  rating: number | null
  review_count: number
  next_available_at: string | null
  featured?: boolean
}

export type SearchValues = { specialty?: string; q?: string; city?: string; language?: string; available_on?: string; min_rating?: string; sort?: string }

export type SearchPageProps = {
  values: SearchValues
  errors?: Record<string, string>
  specialties: { id: string; name: string; slug: string }[]
  results: DoctorResult[]
  nextCursor: string | null
  timezone: string
  // The viewer's today (YYYY-MM-DD in their zone): the earliest "Free on".
  today: string
}

const FILTER_LABELS: Record<string, string> = { specialty: 'Specialty', q: 'Name', city: 'City', language: 'Language', available_on: 'Free on', min_rating: 'Rating', sort: 'Sort' }

const SORTS = [
  ['soonest', 'Soonest available'],
  ['rating', 'Highest rated'],
  ['fee', 'Lowest fee'],
] as const

// The filters are a plain GET form: it works without JavaScript, and its URL can be shared.
// htmx makes every control live (the input events of text, date and select fields bubble to the
// form; debounced, a newer request replacing an older one), swapping the one results region for
// the new one and keeping the URL in sync.
export function SearchPage(props: SearchPageProps) {
  const v = props.values
  return (
    <>
      <h1>Find a doctor</h1>
      <form
        method="get"
        action="/doctors"
        class="search-form"
        role="search"
        aria-label="Doctors"
        hx-get="/doctors"
        hx-target="#results"
        hx-swap="outerHTML"
        hx-push-url="true"
        hx-trigger="input delay:400ms, submit"
        hx-sync="this:replace"
        hx-indicator="#results"
      >
        <div class="field">
          <label for="s-specialty">Specialty</label>
          <select id="s-specialty" name="specialty">
            <option value="">Any specialty</option>
            {props.specialties.map((s) => (
              <option value={s.slug} selected={v.specialty === s.slug}>
                {s.name}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="s-q">Doctor’s name</label>
          <input id="s-q" name="q" type="search" value={v.q ?? ''} maxlength={TEXT_LIMITS.search} autocomplete="off" />
        </div>
        <div class="field">
          <label for="s-city">City</label>
          <input id="s-city" name="city" value={v.city ?? ''} maxlength={TEXT_LIMITS.search} autocomplete="address-level2" />
        </div>
        <div class="field">
          <label for="s-language">Language</label>
          <select id="s-language" name="language">
            <option value="">Any language</option>
            {LANGUAGE_CODES.map((code) => (
              <option value={code} selected={v.language === code}>
                {languageName(code)}
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="s-date">Free on</label>
          <input id="s-date" name="available_on" type="date" min={props.today} value={v.available_on ?? ''} aria-invalid={props.errors?.available_on ? 'true' : undefined} aria-describedby={props.errors?.available_on ? 's-date-error' : undefined} />
          {props.errors?.available_on ? <p id="s-date-error" class="field-error">Free on {props.errors.available_on}.</p> : null}
        </div>
        <div class="field">
          <label for="s-rating">Rating</label>
          <select id="s-rating" name="min_rating">
            <option value="">Any rating</option>
            {['4.5', '4', '3'].map((r) => (
              <option value={r} selected={v.min_rating === r}>
                {r} stars or more
              </option>
            ))}
          </select>
        </div>
        <div class="field">
          <label for="s-sort">Sort by</label>
          <select id="s-sort" name="sort">
            {SORTS.map(([value, label]) => (
              <option value={value} selected={(v.sort ?? 'soonest') === value}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">Search</button>
      </form>
      <SearchResults {...props} />
    </>
  )
}

export function SearchResults({ results, nextCursor, values, timezone, errors }: SearchPageProps) {
  const more = nextCursor ? `/doctors?${new URLSearchParams({ ...clean(values), cursor: nextCursor })}` : undefined
  // A filter that cannot be searched says why here too, where live results appear.
  if (errors) {
    return (
      <section id="results" aria-labelledby="results-title" aria-live="polite">
        <h2 id="results-title">Check the filters</h2>
        {Object.entries(errors).map(([field, message]) => (
          <p class="field-error">
            {FILTER_LABELS[field] ?? field} {message}.
          </p>
        ))}
      </section>
    )
  }
  return (
    <section id="results" aria-labelledby="results-title" aria-live="polite">
      <h2 id="results-title">{results.length === 0 ? 'No doctors match' : results.length === 1 ? '1 doctor' : `${results.length} doctors`}</h2>
      {results.length === 0 ? <p class="muted">Try another date, city or specialty, or fewer filters.</p> : null}
      <ul class="results plain-list" role="list">
        {results.map((d) => (
          <li class="card doctor-card">
            <h3>
              <a href={`/doctors/${d.id}`}>{d.name}</a>
              {d.featured ? <> <span class="badge">Featured</span></> : null}
            </h3>
            <p>
              {d.specialty}
              {d.city ? ` · ${d.city}` : ''}
              {d.languages.length ? ` · ${d.languages.map(languageName).join(', ')}` : ''}
            </p>
            <p>
              {formatMoney(d.fee_cents, d.currency)}
              {d.rating !== null ? ` · ${d.rating.toFixed(1)} ★ (${d.review_count} reviews)` : ' · No reviews yet'}
            </p>
            <p>
              {d.next_available_at ? (
                <a href={`/doctors/${d.id}`}>
                  Next free: <time datetime={d.next_available_at}>{formatDateTime(new Date(d.next_available_at), timezone)}</time>
                </a>
              ) : (
                <span class="muted">No free times in the next 30 days</span>
              )}
            </p>
          </li>
        ))}
      </ul>
      {more ? (
        <p>
          <a href={more}>More doctors</a>
        </p>
      ) : null}
      <p class="muted small">Times in {timezone.replace(/_/g, ' ')}.</p>
    </section>
  )
}

function clean(values: SearchValues): Record<string, string> {
  return Object.fromEntries(Object.entries(values).filter((e): e is [string, string] => typeof e[1] === 'string' && e[1] !== ''))
}

