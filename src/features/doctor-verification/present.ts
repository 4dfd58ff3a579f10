import { toIsoInstant } from '../../lib/time'
import type { Applicant } from './queries'

export const toApiApplicant = (d: Applicant) => ({
  id: d.id,
  name: d.name,
  email: d.email,
  license_number: d.licenseNumber,
  specialty: d.specialty,
  status: d.status,
  status_reason: d.statusReason,
  bio: d.bio,
  applied_at: toIsoInstant(d.createdAt),
  verified_at: d.verifiedAt ? toIsoInstant(d.verifiedAt) : null,
})
