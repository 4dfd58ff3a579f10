import { toIsoInstant } from '../../lib/time'
import type { RequestRow } from './queries'

// A request as its patient and its doctor see it (the problem opened for them).
export const toApiRequest = (r: RequestRow & { problem: string }) => ({
  id: r.id,
  patient: { id: r.patientId, name: r.patientName },
  doctor: { id: r.doctorId, name: r.doctorName },
  type: r.type,
  problem: r.problem,
  preferred_times: r.preferredTimes,
  status: r.status,
  decline_reason: r.declineReason,
  appointment_id: r.appointmentId,
  // The time proposed and held for the patient to confirm, while it is.
  proposal: r.offerId && r.offerStart && r.offerExpiresAt ? { start: toIsoInstant(r.offerStart), expires_at: toIsoInstant(r.offerExpiresAt) } : null,
  created_at: toIsoInstant(r.createdAt),
})
export type ApiRequest = ReturnType<typeof toApiRequest>
