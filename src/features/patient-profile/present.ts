import type { HistoryRows, ProfileRow } from './queries'
import type { HistoryKind } from './schemas'

// Columns to API fields: startedOn → started_on; the owner and bookkeeping columns stay inside.
const snake = (key: string) => key.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`)
const HIDDEN = new Set(['patientId', 'createdAt'])

export function toApiHistoryItem(row: Record<string, unknown>) {
  return Object.fromEntries(Object.entries(row).filter(([key]) => !HIDDEN.has(key)).map(([key, value]) => [snake(key), value])) as { id: string } & Record<string, string | null>
}
export type ApiHistoryItem = ReturnType<typeof toApiHistoryItem>

export function toApiHistory(bloodType: string | null, rows: HistoryRows) {
  const list = (kind: HistoryKind) => (rows[kind] as Record<string, unknown>[]).map(toApiHistoryItem)
  return { blood_type: bloodType, allergies: list('allergies'), medications: list('medications'), chronic_conditions: list('conditions'), surgeries: list('surgeries') }
}
export type ApiHistory = ReturnType<typeof toApiHistory>

export function toApiProfile(row: ProfileRow, insuranceMemberId: string | null) {
  const p = row.profile
  return {
    id: row.user.id,
    name: row.user.name,
    email: row.user.email,
    phone: row.user.phone,
    date_of_birth: p?.dateOfBirth ?? null,
    sex: p?.sex ?? null,
    address_line1: p?.addressLine1 ?? null,
    address_line2: p?.addressLine2 ?? null,
    city: p?.city ?? null,
    postal_code: p?.postalCode ?? null,
    country: p?.country ?? null,
    emergency_contact_name: p?.emergencyContactName ?? null,
    emergency_contact_phone: p?.emergencyContactPhone ?? null,
    emergency_contact_relation: p?.emergencyContactRelation ?? null,
    insurance_provider: p?.insuranceProvider ?? null,
    insurance_member_id: insuranceMemberId,
    preferred_language: p?.preferredLanguage ?? 'en',
    timezone: p?.timezone ?? null,
    blood_type: p?.bloodType ?? null,
  }
}
export type ApiProfile = ReturnType<typeof toApiProfile>
