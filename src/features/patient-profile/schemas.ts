import { z } from 'zod'
import { BLOOD_TYPES, SEVERITIES } from '../../db/schema/enums'
import { isValidTimeZone } from '../../lib/time'
import { TimeZone } from '../../core/input'

const optional = (max: number) => z.string().trim().max(max, `must be at most ${max} characters`).default('').transform((v) => v || null)
const required = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`)
const pastDate = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && !Number.isNaN(Date.parse(`${v}T00:00:00Z`)) && v <= new Date().toISOString().slice(0, 10) && v >= '1900-01-01'), 'must be a date (YYYY-MM-DD) in the past')
  .transform((v) => v || null)
const phone = z.string().trim().max(32).default('').refine((v) => v === '' || /^\+?[0-9 ()./-]{5,32}$/.test(v), 'must be a phone number such as +49 30 1234567').transform((v) => v || null)

export const SEXES = ['female', 'male', 'intersex', 'prefer_not_to_say'] as const

// The whole profile is replaced on save (PUT); empty optional fields are stored as nothing.
export const ProfileInput = z.object({
  name: required(120),
  phone,
  date_of_birth: pastDate,
  sex: z.enum(SEXES, { message: `must be one of: ${SEXES.join(', ')}` }).nullable().default(null).or(z.literal('').transform(() => null)),
  address_line1: optional(200),
  address_line2: optional(200),
  city: optional(100),
  postal_code: optional(20),
  country: optional(100),
  emergency_contact_name: optional(120),
  emergency_contact_phone: phone,
  emergency_contact_relation: optional(60),
  insurance_provider: optional(120),
  insurance_member_id: optional(60),
  preferred_language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en or pt-BR').default('en'),
  timezone: TimeZone.refine(isValidTimeZone).default('UTC'),
})
export type ProfileInput = z.infer<typeof ProfileInput>

export const BloodTypeInput = z.object({ blood_type: z.enum(BLOOD_TYPES, { message: `must be one of: ${BLOOD_TYPES.join(', ')}` }) })

// The medical history lists: each kind, its fields and how they are checked.
export const HISTORY_KINDS = {
  allergies: z.object({
    substance: required(120),
    reaction: optional(200),
    severity: z.enum(SEVERITIES, { message: `must be one of: ${SEVERITIES.join(', ')}` }).nullable().default(null).or(z.literal('').transform(() => null)),
  }),
  medications: z.object({ name: required(120), dose: optional(100), frequency: optional(100), started_on: pastDate }),
  conditions: z.object({ name: required(120), diagnosed_on: pastDate, notes: optional(500) }),
  surgeries: z.object({ procedure: required(160), performed_on: pastDate, notes: optional(500) }),
} as const
export type HistoryKind = keyof typeof HISTORY_KINDS
export const isHistoryKind = (kind: string): kind is HistoryKind => Object.hasOwn(HISTORY_KINDS, kind)
