import type { FieldErrors } from '../../lib/errors'
import { centsFromTyped } from '../../core/input'
import { CONSULTATION_TYPES } from '../../db/schema/enums'
import { LANGUAGE_CODES } from '../../lib/languages'
import type { toApiAvailability, toApiPracticeProfile } from './present'

// The practice pages' forms speak in money, checkboxes and rows of time inputs; the schemas (and
// the API) in cents, lists and minutes. Each form's mapping both ways lives here.

export function profileFormValues(p: ReturnType<typeof toApiPracticeProfile>): Record<string, string> {
  const values: Record<string, string> = {
    specialty_id: p.specialty_id,
    bio: p.bio ?? '',
    qualifications: p.qualifications ?? '',
    city: p.city ?? '',
    practice_address: p.practice_address ?? '',
    ...Object.fromEntries(p.languages.map((code) => [`lang_${code}`, 'on'])),
    fee: (p.fee_cents / 100).toFixed(2),
    currency: p.currency,
    ...(p.charge_up_front ? { charge_up_front: 'on' } : {}),
  }
  for (const t of p.consultation_types) {
    values[`type_${t.type}`] = 'on'
    values[`duration_${t.type}`] = String(t.duration_minutes)
    if (t.fee_cents !== null) values[`fee_${t.type}`] = (t.fee_cents / 100).toFixed(2)
  }
  return values
}

export function profileInputFromForm(values: Record<string, string | undefined>) {
  const feeText = values.fee?.trim() ?? ''
  return {
    specialty_id: values.specialty_id ?? '',
    bio: values.bio,
    qualifications: values.qualifications,
    city: values.city,
    practice_address: values.practice_address,
    // Chosen from a list (one checkbox each), never typed as codes.
    languages: LANGUAGE_CODES.filter((code) => values[`lang_${code}`] === 'on'),
    fee_cents: centsFromTyped(feeText),
    currency: values.currency ?? '',
    charge_up_front: values.charge_up_front === 'on',
    // A type's own fee, when one is typed; empty means the standard fee.
    consultation_types: CONSULTATION_TYPES.filter((t) => values[`type_${t}`] === 'on').map((type) => {
      const typed = values[`fee_${type}`]?.trim() ?? ''
      return { type, duration_minutes: Number(values[`duration_${type}`]), fee_cents: typed ? centsFromTyped(typed) : null }
    }),
  }
}

export function profileFormErrors(errors: FieldErrors): FieldErrors {
  const mapped: FieldErrors = {}
  for (const [key, message] of Object.entries(errors)) {
    const field = key === 'fee_cents' ? 'fee' : key.startsWith('languages') ? 'languages' : key.startsWith('consultation_types') ? 'consultation_types' : key
    mapped[field] ??= message === 'must be a whole number of cents' ? 'must be an amount such as 45 or 45.50' : message
  }
  return mapped
}

// Working hours: 7 days × RANGES_PER_DAY rows of time inputs named w{weekday}_{row}_start/_end.
export const RANGES_PER_DAY = 3

export function availabilityFormValues(a: ReturnType<typeof toApiAvailability>): Record<string, string> {
  const values: Record<string, string> = {
    timezone: a.timezone,
    slot_minutes: String(a.slot_minutes),
    buffer_minutes: String(a.buffer_minutes),
    min_notice_minutes: String(a.min_notice_minutes),
    max_advance_days: String(a.max_advance_days),
    auto_confirm: a.auto_confirm ? 'on' : '',
  }
  const perDay = new Map<number, number>()
  for (const r of a.weekly) {
    const i = perDay.get(r.weekday) ?? 0
    perDay.set(r.weekday, i + 1)
    if (i >= RANGES_PER_DAY) continue
    values[`w${r.weekday}_${i}_start`] = r.start
    // A time input cannot say 24:00; 23:59 as an end means "until midnight".
    values[`w${r.weekday}_${i}_end`] = r.end === '24:00' ? '23:59' : r.end
  }
  return values
}

// The filled rows in order (a wholly blank row is no range), with the input names they came from.
function hoursRows(values: Record<string, string>) {
  const rows: { key: string; weekday: number; start: string; end: string }[] = []
  for (let weekday = 1; weekday <= 7; weekday++) {
    for (let i = 0; i < RANGES_PER_DAY; i++) {
      const key = `w${weekday}_${i}`
      const start = values[`${key}_start`]?.trim() ?? ''
      const end = values[`${key}_end`]?.trim() ?? ''
      if (start || end) rows.push({ key, weekday, start, end: end === '23:59' ? '24:00' : end })
    }
  }
  return rows
}

export function availabilityInputFromForm(values: Record<string, string>) {
  const number = (name: string) => (values[name]?.trim() ? Number(values[name]) : Number.NaN)
  return {
    timezone: values.timezone ?? '',
    slot_minutes: number('slot_minutes'),
    buffer_minutes: number('buffer_minutes'),
    min_notice_minutes: number('min_notice_minutes'),
    max_advance_days: number('max_advance_days'),
    auto_confirm: values.auto_confirm === 'on',
    weekly: hoursRows(values).map(({ weekday, start, end }) => ({ weekday, start, end })),
  }
}

// weekly.3.end → the input of that row; a half-filled row is told to give both times.
export function availabilityFormErrors(errors: FieldErrors, values: Record<string, string>): FieldErrors {
  const rows = hoursRows(values)
  const mapped: FieldErrors = {}
  for (const [path, message] of Object.entries(errors)) {
    const m = /^weekly\.(\d+)\.(start|end|weekday)$/.exec(path)
    const row = m ? rows[Number(m[1])] : undefined
    if (!m || !row) {
      mapped[path] ??= message
      continue
    }
    const side = m[2] === 'end' ? 'end' : 'start'
    mapped[`${row.key}_${side}`] ??= row[side] === '' ? 'Give both a start and an end time, or neither.' : message
  }
  return mapped
}

/** How many rows of a weekday's hours the form shows: those filled in, and one empty one to add. */
export function rangesShown(values: Record<string, string | undefined>, weekday: number): number {
  const filled = Array.from({ length: RANGES_PER_DAY }, (_, i) => i).filter((i) => values[`w${weekday}_${i}_start`] || values[`w${weekday}_${i}_end`])
  return Math.min(RANGES_PER_DAY, (filled.length ? Math.max(...filled) + 1 : 0) + 1)
}

/** The form with Monday's ranges copied to Tuesday to Friday ("Copy Monday's hours"); nothing is saved. */
export function copyMondayToWeekdays(values: Record<string, string>): Record<string, string> {
  const copied = { ...values }
  for (let weekday = 2; weekday <= 5; weekday++) {
    for (let i = 0; i < RANGES_PER_DAY; i++) {
      for (const edge of ['start', 'end'] as const) copied[`w${weekday}_${i}_${edge}`] = values[`w1_${i}_${edge}`] ?? ''
    }
  }
  return copied
}
