import { formatMoney, PLAN_FEATURE_LABELS } from '../../src/lib/format'
import type { ApiPlan } from '../../src/features/plans/present'
import { DataTable } from '../components/data-table'
import { Field, FieldError, FormMessage, Notices, type FormState } from '../components/form'

const typesAllowed = (max: number | null) => (max === null ? 'All' : String(max))

function PlanFields({ state }: { state?: FormState }) {
  const v = state?.values ?? {}
  const featuresError = state?.errors?.features
  return (
    <>
      <Field name="name" label="Name" required maxlength={60} state={state} />
      <Field name="price" label="Price per month" hint="For example 49 or 49.50." inputmode="text" maxlength={10} state={state} />
      <Field name="currency" label="Currency" hint="Three letters, such as USD." maxlength={3} state={state} />
      <Field name="commission_percent" label="Platform commission on the doctor’s payments (%)" inputmode="numeric" maxlength={2} state={state} />
      <Field name="max_consultation_types" label="Kinds of visit the doctor may offer" hint="1 to 3; empty for all." inputmode="numeric" maxlength={1} state={state} />
      <fieldset aria-describedby={featuresError ? 'field-features-error' : undefined}>
        <legend>Features</legend>
        {Object.entries(PLAN_FEATURE_LABELS).map(([feature, label]) => (
          <label class="checkbox">
            <input type="checkbox" name={`feature_${feature}`} value="on" checked={v[`feature_${feature}`] === 'on'} /> {label}
          </label>
        ))}
        <FieldError id="field-features" error={featuresError} />
      </fieldset>
      <label class="checkbox">
        <input type="checkbox" name="active" value="on" checked={v.active === 'on'} /> On sale (doctors may choose it)
      </label>
    </>
  )
}

// Subscription plans: what doctors may subscribe to. Super admins define and change them.
export function PlansPage({ items, canEdit, state, notice }: { items: ApiPlan[]; canEdit: boolean; state?: FormState; notice?: string }) {
  return (
    <section aria-labelledby="plans-title">
      <h1 id="plans-title">Subscription plans</h1>
      <Notices notice={notice} />
      {items.length === 0 ? (
        <p class="empty">No plans yet.</p>
      ) : (
        <DataTable
          caption="Plans"
          head={
            <>
              <th scope="col">Plan</th>
              <th scope="col">Price</th>
              <th scope="col">Commission</th>
              <th scope="col">Visit kinds</th>
              <th scope="col">Features</th>
              <th scope="col">Doctors</th>
              <th scope="col">On sale</th>
            </>
          }
        >
          {items.map((p) => (
            <tr>
              <td>{canEdit ? <a href={`/admin/plans/${p.id}`}>{p.name}</a> : p.name}</td>
              <td data-label="Price">{formatMoney(p.price_cents, p.currency)} / month</td>
              <td data-label="Commission">{p.commission_percent} %</td>
              <td data-label="Visit kinds">{typesAllowed(p.max_consultation_types)}</td>
              <td data-label="Features">{p.features.length ? p.features.map((f) => PLAN_FEATURE_LABELS[f] ?? f).join('; ') : '—'}</td>
              <td data-label="Doctors">{p.subscriber_count ?? 0}</td>
              <td data-label="On sale">{p.active ? 'Yes' : 'No'}</td>
            </tr>
          ))}
        </DataTable>
      )}
      {canEdit ? (
        <form method="post" action="/admin/plans" class="stack narrow" novalidate>
          <h2>Add a plan</h2>
          <FormMessage state={state} />
          <PlanFields state={state ?? { values: { currency: 'USD', commission_percent: '10', active: 'on' } }} />
          <button type="submit">Add the plan</button>
        </form>
      ) : null}
    </section>
  )
}

export function PlanPage({ plan, state, notice }: { plan: ApiPlan; state: FormState; notice?: string }) {
  return (
    <section aria-labelledby="plan-title">
      <p>
        <a href="/admin/plans">All plans</a>
      </p>
      <h1 id="plan-title">{plan.name}</h1>
      <Notices notice={notice} />
      <form method="post" action={`/admin/plans/${plan.id}`} class="stack narrow" novalidate>
        <p class="hint">A new price applies to new subscriptions; the commission and features apply at once to every doctor on the plan. Taking it off sale keeps its doctors.</p>
        <FormMessage state={state} />
        <PlanFields state={state} />
        <button type="submit">Save</button>
      </form>
    </section>
  )
}
