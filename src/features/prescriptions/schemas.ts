import { z } from 'zod'
import { oneLine } from '../../core/input'

export const ROUTES = ['oral', 'sublingual', 'topical', 'inhaled', 'nasal', 'ophthalmic', 'otic', 'transdermal', 'rectal', 'vaginal', 'subcutaneous', 'intramuscular', 'intravenous'] as const

// Length limits of a medicine's text fields, for the schema and the form's maxlength. A month of
// four tablets a day is 120: anything past 1000 units is a typo, not a prescription.
export const ITEM_LIMITS = { drug: 200, strength: 100, dose: 100, frequency: 100, duration: 100, instructions: 1000 } as const
export const MAX_QUANTITY = 1000
export const MAX_REFILLS = 12

const required = (max: number) => oneLine(max).pipe(z.string().min(1, 'is required'))

export const PrescriptionItem = z.object({
  drug: required(ITEM_LIMITS.drug),
  strength: required(ITEM_LIMITS.strength),
  dose: required(ITEM_LIMITS.dose),
  route: z.enum(ROUTES, { message: `must be one of: ${ROUTES.join(', ')}` }),
  frequency: required(ITEM_LIMITS.frequency),
  duration: required(ITEM_LIMITS.duration),
  quantity: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(MAX_QUANTITY, `must be at most ${MAX_QUANTITY}`),
  refills: z.number({ message: 'must be a whole number' }).int('must be a whole number').min(0, 'cannot be negative').max(MAX_REFILLS, `must be at most ${MAX_REFILLS}`).default(0),
  instructions: oneLine(ITEM_LIMITS.instructions).default(''),
})
export type PrescriptionItem = z.infer<typeof PrescriptionItem>

export const MAX_ITEMS = 20

export const OVERRIDE_REASON_MAX = 1000

export const PrescriptionInput = z.object({
  items: z.array(PrescriptionItem).min(1, 'add at least one medicine').max(MAX_ITEMS, `at most ${MAX_ITEMS} medicines`),
  supersedes_id: z.string().max(64).optional(),
  // Why a medicine goes out over an allergy warning; required exactly when there is a warning.
  allergy_override_reason: z.string().trim().max(OVERRIDE_REASON_MAX, `must be at most ${OVERRIDE_REASON_MAX} characters`).optional().transform((r) => r || undefined),
})
export type PrescriptionInput = z.infer<typeof PrescriptionInput>

export const ITEM_FIELDS = ['drug', 'strength', 'dose', 'route', 'frequency', 'duration', 'quantity', 'refills', 'instructions'] as const

// A form sends rows as items.0.drug, items.0.quantity…; rows left wholly blank are not medicines.
// Numbers arrive as text and are read as numbers only when they look like one.
export function itemsFromForm(fields: Record<string, string>): { items: Record<string, unknown>[]; supersedes_id?: string; allergy_override_reason?: string } {
  const rows = new Map<number, Record<string, unknown>>()
  for (const [key, value] of Object.entries(fields)) {
    const match = /^items\.(\d{1,2})\.([a-z_]+)$/.exec(key)
    if (!match || !(ITEM_FIELDS as readonly string[]).includes(match[2]!)) continue
    const row = rows.get(Number(match[1])) ?? {}
    const numeric = match[2] === 'quantity' || match[2] === 'refills'
    row[match[2]!] = numeric && /^\s*-?\d+\s*$/.test(value) ? Number(value) : numeric && value.trim() === '' ? undefined : value
    rows.set(Number(match[1]), row)
  }
  const items = [...rows.entries()]
    .sort(([a], [b]) => a - b)
    .map(([, row]) => row)
    .filter((row) => Object.entries(row).some(([field, v]) => field !== 'route' && field !== 'refills' && v !== undefined && String(v).trim() !== ''))
  return { items, supersedes_id: fields.supersedes_id || undefined, allergy_override_reason: fields.allergy_override_reason || undefined }
}

// The prescriptions list pages by offset (an opaque cursor: { o: offset }).
export const ListCursor = z.object({ o: z.number().int().min(0).max(100_000) })
