import { z } from 'zod'
import { isValidTimeZone } from '../lib/time'

// Input primitives every feature's schemas share, so an instant, a date or a zone is read the
// same way by the API, the pages and the Durable Objects.

// "2027-02-30" parses (as 2 March); a real date survives the round trip unchanged.
export function isRealDate(date: string): boolean {
  const time = Date.parse(`${date}T00:00:00Z`)
  return !Number.isNaN(time) && new Date(time).toISOString().slice(0, 10) === date
}

// The years a date or an instant may fall in: birth dates go back to 1900; nothing is booked,
// planned or recorded past 2100. Anything outside is a typo, not a plan.
export const YEARS = { first: 1900, last: 2100 } as const
const inYears = (s: string) => Number(s.slice(0, 4)) >= YEARS.first && Number(s.slice(0, 4)) <= YEARS.last
const YEARS_MESSAGE = `must be between the years ${YEARS.first} and ${YEARS.last}`

// "2027-03-14T14:30:00Z": an instant in UTC, to the minute or second, as docs/api.md fixes. The
// day must exist ("2026-11-31T…" is refused, not read as 1 December).
export const Instant = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d)?Z$/, 'must be a UTC instant like 2027-03-14T14:30:00Z')
  .refine((s) => isRealDate(s.slice(0, 10)), 'is not a real instant')
  .refine(inYears, YEARS_MESSAGE)
  .transform((s) => new Date(s))

export const IsoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date like 2027-03-14')
  .refine(isRealDate, 'is not a real date')
  .refine(inYears, YEARS_MESSAGE)

// Control characters (CR and LF among them) and the direction overrides that make text read
// backwards ("gnp.exe"): never in a one-line field, which may end up in a header, an email
// subject or a calendar line.
const NOT_ONE_LINE = /[\u0000-\u001f\u007f\u202a-\u202e\u2066-\u2069]/

/** A one-line text field of at most `max` characters, trimmed. */
export const oneLine = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `must be at most ${max} characters`)
    .refine((s) => !NOT_ONE_LINE.test(s), 'must be one line of plain text')

// A person's name, everywhere one is typed (sign-up, the profile, an emergency contact):
// letters, marks, spaces and a little punctuation, NFC-normalised.
export const PERSON_NAME_MAX = 100
const PERSON_NAME = /^[\p{L}\p{M}][\p{L}\p{M} .,'’-]*$/u
export const PersonName = z
  .string()
  .transform((s) => s.normalize('NFC').trim())
  .pipe(
    z
      .string()
      .min(1, 'is required')
      .max(PERSON_NAME_MAX, `must be at most ${PERSON_NAME_MAX} characters`)
      .regex(PERSON_NAME, "may contain letters, spaces and . , ' - only"),
  )

export const TimeZone = z.string().trim().max(64, 'must be a time zone such as Europe/Berlin').refine(isValidTimeZone, 'must be a time zone such as Europe/Berlin')

// ?limit= (default 20, at most 100) and ?cursor=, as every list in docs/api.md takes them.
export const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z.string().max(300).optional(),
})

// The Idempotency-Key header: 1 to 255 characters (docs/api.md).
export const IdempotencyKey = z.string().min(1).max(255)

// Length limits of free text, in one place: the schemas, the Durable Object protocols and the
// views' maxlength attributes all take them from here.
export const TEXT_LIMITS = {
  // Why a patient books, why a doctor declines or cancels.
  reason: 1000,
  // One chat message.
  message: 4000,
  // A search box (doctors, a doctor's patients).
  search: 100,
} as const

/** A form's or query string's fields without the empty ones (an empty filter is no filter). */
// An amount as typed: at most 7 digits and 2 decimals ("45", "45.50", "45,50").
const MONEY_TEXT = /^\d{1,7}([.,]\d{1,2})?$/

/** Cents from a typed amount; NaN (refused by a schema) for what is not one. */
export const centsFromTyped = (typed: string) => (MONEY_TEXT.test(typed) ? Math.round(Number(typed.replace(',', '.')) * 100) : Number.NaN)

export const withoutEmpty = (fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).filter(([, v]) => v.trim() !== ''))
