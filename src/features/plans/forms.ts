import { centsFromTyped } from '../../core/input'
import { PLAN_FEATURES } from '../../db/schema/enums'
import type { FieldErrors } from '../../lib/errors'
import type { ApiPlan } from './present'

// The plan form speaks in money, checkboxes and an optional number; the schema (and the API) in
// cents, a list and null. Both directions live here.

/** The plan form's fields from a plan (money as typed text, the feature as a checkbox). */
export function planFormValues(p: ApiPlan): Record<string, string> {
  return {
    name: p.name,
    price: (p.price_cents / 100).toFixed(2),
    currency: p.currency,
    commission_percent: String(p.commission_percent),
    max_consultation_types: p.max_consultation_types === null ? '' : String(p.max_consultation_types),
    ...Object.fromEntries(p.features.map((f) => [`feature_${f}`, 'on'])),
    ...(p.active ? { active: 'on' } : {}),
  }
}

export function planInputFromForm(values: Record<string, string | undefined>) {
  const types = values.max_consultation_types?.trim() ?? ''
  return {
    name: values.name,
    price_cents: centsFromTyped(values.price?.trim() ?? ''),
    currency: values.currency,
    commission_percent: Number(values.commission_percent?.trim() || Number.NaN),
    max_consultation_types: types === '' ? null : Number(types),
    features: PLAN_FEATURES.filter((f) => values[`feature_${f}`] === 'on'),
    active: values.active === 'on',
  }
}

export function planFormErrors(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {}
  for (const [key, message] of Object.entries(errors)) {
    const field = key === 'price_cents' ? 'price' : key.startsWith('features') ? 'features' : key
    mapped[field] ??= message === 'must be a whole number of cents' ? 'must be an amount such as 49 or 49.50' : message
  }
  return mapped
}
