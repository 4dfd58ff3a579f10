import { DAY_MS, toIsoInstant } from '../../lib/time'
import { LICENCE_WARNING_DAYS, type DoctorRow } from './queries'

/** Whether a licence needs attention: lapsed, lapsing within the warning days, or not at all. */
export function licenceWarning(expiresOn: string | null, now: Date): 'expired' | 'expiring' | null {
  if (!expiresOn) return null
  const today = now.toISOString().slice(0, 10)
  if (expiresOn < today) return 'expired'
  return expiresOn <= new Date(now.getTime() + LICENCE_WARNING_DAYS * DAY_MS).toISOString().slice(0, 10) ? 'expiring' : null
}

export const toApiAdminDoctor = (d: DoctorRow, now: Date) => ({
  id: d.id,
  user_id: d.userId,
  name: d.name,
  email: d.email,
  license_number: d.licenseNumber,
  license_expires_on: d.licenseExpiresOn,
  licence_warning: licenceWarning(d.licenseExpiresOn, now),
  specialty: d.specialty,
  specialty_id: d.specialtyId,
  clinic: d.clinicId ? { id: d.clinicId, name: d.clinicName } : null,
  status: d.status,
  status_reason: d.statusReason,
  bio: d.bio,
  city: d.city,
  practice_address: d.practiceAddress,
  applied_at: toIsoInstant(d.createdAt),
  verified_at: d.verifiedAt ? toIsoInstant(d.verifiedAt) : null,
})
export type ApiAdminDoctor = ReturnType<typeof toApiAdminDoctor>

export const DOCTOR_CSV_HEADER = ['id', 'name', 'email', 'license_number', 'license_expires_on', 'specialty', 'clinic', 'status', 'city', 'applied_at', 'verified_at']
export const doctorCsvFields = (now: Date) => (row: DoctorRow) => {
  const d = toApiAdminDoctor(row, now)
  return [d.id, d.name, d.email, d.license_number, d.license_expires_on, d.specialty, d.clinic?.name, d.status, d.city, d.applied_at, d.verified_at]
}

export const toApiDoctorDocument = (doc: { id: string; kind: string; title: string; contentType: string; sizeBytes: number; createdAt: Date; reviewedAt: Date | null; reviewerName: string | null }) => ({
  id: doc.id,
  kind: doc.kind,
  title: doc.title,
  content_type: doc.contentType,
  size_bytes: doc.sizeBytes,
  uploaded_at: toIsoInstant(doc.createdAt),
  reviewed_at: doc.reviewedAt ? toIsoInstant(doc.reviewedAt) : null,
  reviewed_by: doc.reviewerName,
})
export type ApiDoctorDocument = ReturnType<typeof toApiDoctorDocument>
