import { Field, FieldError, FormMessage, SelectField } from '../components/form'
import { StatusBadge } from '../appointments/parts'
import { SafetyPanel } from '../components/safety-panel'
import { PracticeAddress } from '../components/practice-address'

const COLOURS = ['ink', 'muted', 'brand', 'danger', 'ok', 'warn', 'wash', 'brand-wash', 'danger-wash', 'ok-wash', 'warn-wash', 'line', 'focus'] as const
const STATUSES = ['pending', 'confirmed', 'completed', 'cancelled', 'rejected', 'no_show'] as const

// Every component of the design system on one page (development only), to check them together
// on a phone and under axe. docs/design.md says when to use which.
export function DesignPage() {
  return (
    <section aria-labelledby="design-title">
      <h1 id="design-title">Design system</h1>
      <p class="lead">Every component, as pages use them. Tokens and rules: docs/design.md.</p>

      <h2>Colour tokens</h2>
      <ul class="grid swatches" role="list">
        {COLOURS.map((name) => (
          <li class={`card swatch swatch-${name}`}>
            <code>--{name}</code>
          </li>
        ))}
      </ul>

      <h2>Type scale</h2>
      <p class="text-3xl">Page title on wide screens (2rem)</p>
      <p class="text-2xl">Page title (1.6rem)</p>
      <p class="text-xl">Section heading (1.25rem)</p>
      <p class="text-lg">Lead and card heading (1.125rem)</p>
      <p>Body text (1rem), with a <a href="#design-title">link</a>.</p>
      <p class="small muted">Small, muted text (0.875rem)</p>

      <h2>Buttons</h2>
      <div class="actions">
        <button type="button">Primary</button>
        <button type="button" class="secondary">
          Secondary
        </button>
        <button type="button" class="danger">
          Danger
        </button>
        <button type="button" class="link-button">
          Link button
        </button>
        <button type="button" class="is-busy">
          Busy
        </button>
      </div>

      <h2>Alerts</h2>
      <div class="notice" role="note">
        Information: something to know.
      </div>
      <div class="notice ok" role="note">
        Done: it worked.
      </div>
      <div class="notice warn" role="note">
        Careful: check this first.
      </div>
      <div class="notice error" role="note">
        Refused: what went wrong and what to do.
      </div>

      <h2>Status badges</h2>
      <p>
        {STATUSES.map((status) => (
          <>
            <StatusBadge status={status} />{' '}
          </>
        ))}
      </p>

      <h2>Cards and empty states</h2>
      <ul class="plain-list" role="list">
        <li class="card">
          <h3>A card</h3>
          <p>One thing: an appointment, a doctor, a conversation.</p>
        </li>
      </ul>
      <p class="empty">Nothing here yet. A sentence says what to do next.</p>

      <h2>Form fields</h2>
      <form class="narrow" novalidate>
        <FormMessage state={{ message: 'A form refused as a whole says why here.' }} />
        <Field name="design-name" label="A text field" hint="A hint says what is expected." />
        <Field name="design-email" label="A field with an error" state={{ values: { 'design-email': 'sam@' }, errors: { 'design-email': 'must be a valid email address' } }} />
        <SelectField name="design-select" label="A list to pick from" options={[['a', 'First'], ['b', 'Second']]} blank="Choose…" />
        <fieldset>
          <legend>Choices</legend>
          <label class="choice">
            <input type="radio" name="design-choice" value="1" /> One choice
          </label>
          <label class="choice">
            <input type="radio" name="design-choice" value="2" /> Another
          </label>
          <label>
            <input type="checkbox" name="design-check" value="on" /> A checkbox
          </label>
        </fieldset>
        <FieldError id="design-standalone" error="An error on its own." />
      </form>

      <h2>A table</h2>
      <div class="table-wrap" tabindex={0} role="region" aria-label="Example table (scrolls sideways)">
        <table class="cards-narrow">
          <caption>Patients (a table becomes cards on a phone)</caption>
          <thead>
            <tr>
              <th scope="col">Patient</th>
              <th scope="col">Last visit</th>
            </tr>
          </thead>
          <tbody>
            <tr>
              <td>Kim Novak</td>
              <td data-label="Last visit">Monday 23 November 2026, 4:00 PM</td>
            </tr>
          </tbody>
        </table>
      </div>

      <h2>Clinical safety and places</h2>
      <SafetyPanel safety={{ allergies: [{ substance: 'Penicillin', reaction: 'hives', severity: 'severe' }], medications: [{ name: 'Salbutamol', dose: '100 mcg', frequency: 'when needed' }] }} />
      <p>
        <PracticeAddress address="Kastanienallee 40, 10119" city="Berlin" />
      </p>
    </section>
  )
}
