import { toIsoInstant } from '../../lib/time'
import type { PracticeProfile, PracticeAvailability } from './service'
import type { TimeOffRow } from './queries'

const clock = (minute: number) => `${String(Math.floor(minute / 60)).padStart(2, '0')}:${String(minute % 60).padStart(2, '0')}`

export function toApiPracticeProfile({ doctor: d, name, specialty, languages, types }: PracticeProfile) {
  return {
    id: d.id,
    name,
    license_number: d.licenseNumber,
    status: d.status,
    specialty_id: d.specialtyId,
    specialty,
    bio: d.bio,
    qualifications: d.qualifications,
    city: d.city,
    practice_address: d.practiceAddress,
    languages: languages.map((l) => l.language),
    fee_cents: d.feeCents,
    currency: d.currency,
    charge_up_front: d.chargeUpFront,
    // Each type's own fee, or null for the standard one.
    consultation_types: types.map((t) => ({ type: t.type, duration_minutes: t.durationMinutes, fee_cents: t.feeCents })),
  }
}

export function toApiAvailability({ settings: s, rules }: PracticeAvailability) {
  return {
    timezone: s.timezone,
    slot_minutes: s.slotMinutes,
    buffer_minutes: s.bufferMinutes,
    min_notice_minutes: s.minNoticeMinutes,
    max_advance_days: s.maxAdvanceDays,
    auto_confirm: s.autoConfirm,
    weekly: rules.map((r) => ({ weekday: r.weekday, start: clock(r.startMinute), end: clock(r.endMinute) })),
  }
}

export const toApiTimeOff = (row: TimeOffRow) => ({ id: row.id, start: toIsoInstant(row.startAt), end: toIsoInstant(row.endAt), reason: row.reason })
