import { z } from 'zod'
import { CONSULTATION_TYPES } from '../../db/schema/enums'
import { Instant, IsoDate, oneLine, TimeZone } from '../../core/input'

// Empty means "not given". The bio is a paragraph; the other fields are one line each.
const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()
const optionalLine = (max: number) =>
  oneLine(max)
    .transform((s) => (s === '' ? null : s))
    .nullable()
    .optional()

// Length limits of the practice forms, for the schemas and the forms' maxlength. The form's fee
// is text ("45.50", at most 7 digits and 2 decimals: forms.ts); its languages are checkboxes.
export const PRACTICE_LIMITS = { bio: 4000, qualifications: 2000, city: 100, practiceAddress: 200, languages: 20, timeOffReason: 200, feeText: 10, currency: 3 } as const

export const ProfileInput = z.object({
  specialty_id: z.string().trim().min(1, 'is required').max(40),
  bio: optionalText(PRACTICE_LIMITS.bio),
  qualifications: optionalLine(PRACTICE_LIMITS.qualifications),
  city: optionalLine(PRACTICE_LIMITS.city),
  // Street, number and postcode of the practice; required when the doctor sees patients in person.
  practice_address: optionalLine(PRACTICE_LIMITS.practiceAddress),
  languages: z
    .array(z.string().trim().regex(/^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})?$/, 'must be language codes such as en or pt-BR'))
    .max(PRACTICE_LIMITS.languages, `must list at most ${PRACTICE_LIMITS.languages} languages`)
    .default([])
    .transform((langs) => [...new Set(langs.map((l) => l.toLowerCase()))]),
  fee_cents: z.number('must be a whole number of cents').int('must be a whole number of cents').min(0, 'cannot be negative').max(10_000_000, 'is too large'),
  currency: z.string().trim().regex(new RegExp(`^[A-Za-z]{${PRACTICE_LIMITS.currency}}$`), 'must be a three-letter currency code such as EUR').transform((s) => s.toUpperCase()),
  // Patients pay when they book (the slot is held meanwhile); otherwise the fee is settled elsewhere.
  charge_up_front: z.boolean('must be true or false').default(false),
  consultation_types: z
    .array(
      z.object({
        type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
        duration_minutes: z.number('must be a number of minutes').int().min(5, 'must be at least 5 minutes').max(480, 'must be at most 480 minutes'),
        // This type's own fee; absent or null: the standard fee above.
        fee_cents: z.number('must be a whole number of cents').int('must be a whole number of cents').min(0, 'cannot be negative').max(10_000_000, 'is too large').nullable().optional(),
      }),
    )
    .min(1, 'must offer at least one consultation type')
    .refine((types) => new Set(types.map((t) => t.type)).size === types.length, 'must list each type once'),
}).superRefine((input, ctx) => {
  // A patient coming in person must know where to go.
  if (input.consultation_types.some((t) => t.type === 'in_person') && !input.practice_address) {
    ctx.addIssue({ code: 'custom', path: ['practice_address'], message: 'is required to see patients in person' })
  }
})
export type ProfileInput = z.infer<typeof ProfileInput>

// "09:00" → 540; "24:00" is the end of the day.
const ClockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$|^24:00$/, 'must be a time like 09:00')
  .transform((s) => Number(s.slice(0, 2)) * 60 + Number(s.slice(3)))

export const AvailabilityInput = z
  .object({
    timezone: TimeZone,
    slot_minutes: z.number('must be a number of minutes').int().min(5, 'must be at least 5 minutes').max(480, 'must be at most 480 minutes'),
    buffer_minutes: z.number('must be a number of minutes').int().min(0, 'cannot be negative').max(240, 'must be at most 240 minutes').default(0),
    min_notice_minutes: z.number('must be a number of minutes').int().min(0, 'cannot be negative').max(60 * 24 * 60, 'must be at most 60 days'),
    max_advance_days: z.number('must be a number of days').int().min(1, 'must be at least 1 day').max(730, 'must be at most 730 days'),
    auto_confirm: z.boolean('must be true or false'),
    weekly: z
      .array(z.object({ weekday: z.number().int().min(1, 'must be 1 (Monday) to 7 (Sunday)').max(7, 'must be 1 (Monday) to 7 (Sunday)'), start: ClockTime, end: ClockTime }))
      .max(70, 'has too many ranges'),
  })
  .superRefine((input, ctx) => {
    input.weekly.forEach((range, i) => {
      if (range.start >= range.end) ctx.addIssue({ code: 'custom', path: ['weekly', i, 'end'], message: 'must be after the start' })
    })
    const sorted = input.weekly.map((r, i) => ({ ...r, i })).sort((a, b) => a.weekday - b.weekday || a.start - b.start)
    for (let k = 1; k < sorted.length; k++) {
      const [prev, cur] = [sorted[k - 1]!, sorted[k]!]
      if (prev.weekday === cur.weekday && cur.start < prev.end) ctx.addIssue({ code: 'custom', path: ['weekly', cur.i, 'start'], message: 'overlaps another range on the same day' })
    }
  })
export type AvailabilityInput = z.infer<typeof AvailabilityInput>

// An instant, or a whole day in the doctor's zone ("2027-03-14"; the end day is included).
const InstantOrDate = z.union([Instant, IsoDate], 'must be a date like 2027-03-14 or an instant like 2027-03-14T09:00:00Z')

export const TimeOffInput = z.object({
  start: InstantOrDate,
  end: InstantOrDate,
  reason: optionalLine(PRACTICE_LIMITS.timeOffReason),
})
export type TimeOffInput = z.infer<typeof TimeOffInput>
