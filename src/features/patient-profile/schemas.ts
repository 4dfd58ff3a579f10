import { z } from 'zod'
import { BLOOD_TYPES, SEVERITIES } from '../../db/schema/enums'
import { isRealDate, oneLine, PERSON_NAME_MAX, PersonName, TimeZone, YEARS } from '../../core/input'

// Length limits of the profile's and the history's fields, for the schemas below and the forms'
// maxlength attributes.
export const PROFILE_LIMITS = {
  name: PERSON_NAME_MAX,
  phone: 32,
  address_line1: 200,
  address_line2: 200,
  city: 100,
  postal_code: 20,
  country: 100,
  emergency_contact_name: PERSON_NAME_MAX,
  emergency_contact_relation: 60,
  insurance_provider: 120,
  insurance_member_id: 60,
} as const
export const HISTORY_LIMITS = { name: 120, substance: 120, reaction: 200, dose: 100, frequency: 100, procedure: 160, notes: 500 } as const

const optional = (max: number) => oneLine(max).default('').transform((v) => v || null)
const required = (max: number) => oneLine(max).pipe(z.string().min(1, 'is required'))
// A name that may be left empty (the emergency contact's): the same rule as every name.
const optionalName = z.string().trim().default('').pipe(z.literal('').transform(() => null).or(PersonName))
const pastDate = z
  .string()
  .trim()
  .default('')
  .refine((v) => v === '' || (/^\d{4}-\d{2}-\d{2}$/.test(v) && isRealDate(v) && v <= new Date().toISOString().slice(0, 10) && v >= `${YEARS.first}-01-01`), 'must be a date (YYYY-MM-DD) in the past')
  .transform((v) => v || null)
const phone = z.string().trim().max(PROFILE_LIMITS.phone).default('').refine((v) => v === '' || /^\+?[0-9 ()./-]{5,32}$/.test(v), 'must be a phone number such as +49 30 1234567').transform((v) => v || null)

export const SEXES = ['female', 'male', 'intersex', 'prefer_not_to_say'] as const

// The whole profile is replaced on save (PUT); empty optional fields are stored as nothing.
export const ProfileInput = z.object({
  name: PersonName,
  phone,
  date_of_birth: pastDate,
  sex: z.enum(SEXES, { message: `must be one of: ${SEXES.join(', ')}` }).nullable().default(null).or(z.literal('').transform(() => null)),
  address_line1: optional(PROFILE_LIMITS.address_line1),
  address_line2: optional(PROFILE_LIMITS.address_line2),
  city: optional(PROFILE_LIMITS.city),
  postal_code: optional(PROFILE_LIMITS.postal_code),
  country: optional(PROFILE_LIMITS.country),
  emergency_contact_name: optionalName,
  emergency_contact_phone: phone,
  emergency_contact_relation: optional(PROFILE_LIMITS.emergency_contact_relation),
  insurance_provider: optional(PROFILE_LIMITS.insurance_provider),
  insurance_member_id: optional(PROFILE_LIMITS.insurance_member_id),
  preferred_language: z.string().trim().regex(/^[a-z]{2,3}(-[A-Z]{2})?$/, 'must be a language code such as en or pt-BR').default('en'),
  // Absent: not known (emails then use the zone each appointment was booked in).
  timezone: TimeZone.optional(),
})
export type ProfileInput = z.infer<typeof ProfileInput>

export const BloodTypeInput = z.object({ blood_type: z.enum(BLOOD_TYPES, { message: `must be one of: ${BLOOD_TYPES.join(', ')}` }) })

// The medical history lists: each kind, its fields and how they are checked.
export const HISTORY_KINDS = {
  allergies: z.object({
    substance: required(HISTORY_LIMITS.substance),
    reaction: optional(HISTORY_LIMITS.reaction),
    severity: z.enum(SEVERITIES, { message: `must be one of: ${SEVERITIES.join(', ')}` }).nullable().default(null).or(z.literal('').transform(() => null)),
  }),
  medications: z.object({ name: required(HISTORY_LIMITS.name), dose: optional(HISTORY_LIMITS.dose), frequency: optional(HISTORY_LIMITS.frequency), started_on: pastDate }),
  conditions: z.object({ name: required(HISTORY_LIMITS.name), diagnosed_on: pastDate, notes: optional(HISTORY_LIMITS.notes) }),
  surgeries: z.object({ procedure: required(HISTORY_LIMITS.procedure), performed_on: pastDate, notes: optional(HISTORY_LIMITS.notes) }),
} as const
export type HistoryKind = keyof typeof HISTORY_KINDS
export const isHistoryKind = (kind: string): kind is HistoryKind => Object.hasOwn(HISTORY_KINDS, kind)
