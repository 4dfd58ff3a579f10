import { addressLine, mapLink } from '../../lib/map-link'
import { toIsoInstant } from '../../lib/time'

export type AppointmentView = {
  id: string
  patient: { id: string; name: string }
  doctor: { id: string; name: string; specialty: string }
  startAt: Date
  endAt: Date
  type: string
  // The doctor's practice, for an in-person visit.
  practiceAddress: string | null
  doctorCity: string | null
  // Null for viewers who may not know why someone booked (support admins).
  reason: string | null
  status: string
  // Set while the slot is held for a payment.
  paymentDueBy?: Date | null
  // A red flag in the intake questionnaire.
  urgent?: boolean
  seriesId?: string | null
  followUpOn?: string | null
  hasIntake?: boolean
  createdAt: Date
  updatedAt: Date
}

// The API's `appointment` (docs/api.md).
export function toApiAppointment(a: AppointmentView) {
  return {
    id: a.id,
    patient: a.patient,
    doctor: a.doctor,
    start: toIsoInstant(a.startAt),
    end: toIsoInstant(a.endAt),
    type: a.type,
    // Where an in-person visit takes place, with a link to a map; null for the others.
    location: a.type === 'in_person' && a.practiceAddress ? { address: addressLine(a.practiceAddress, a.doctorCity), map_url: mapLink(a.practiceAddress, a.doctorCity) } : null,
    reason: a.reason,
    status: a.status,
    // A doctor who charges up front: the slot is held for the patient until this instant, for
    // them to pay at checkout_url (only the patient sees it); null once paid, or for everyone else.
    // A red-flag answer in the booking questionnaire: doctors see urgent requests first.
    urgent: Boolean(a.urgent),
    // The recurring series this visit is an occurrence of, if any.
    series_id: a.seriesId ?? null,
    // A follow-up the doctor proposed from this visit: book it around this day.
    follow_up_on: a.followUpOn ?? null,
    // Whether questionnaire answers exist (GET /appointments/:id/intake reads them).
    has_intake: Boolean(a.hasIntake),
    payment_due: a.paymentDueBy ? { by: toIsoInstant(a.paymentDueBy), checkout_url: `/appointments/${a.id}/pay` } : null,
    created_at: toIsoInstant(a.createdAt),
    updated_at: toIsoInstant(a.updatedAt),
  }
}

/** The appointments export's columns: who, when, what kind, what became of it; never the reason. */
export const APPOINTMENT_CSV_HEADER = ['id', 'start', 'end', 'type', 'status', 'patient_id', 'patient_name', 'doctor_id', 'doctor_name', 'specialty', 'created_at']
export const appointmentCsvFields = (a: AppointmentView) => [a.id, toIsoInstant(a.startAt), toIsoInstant(a.endAt), a.type, a.status, a.patient.id, a.patient.name, a.doctor.id, a.doctor.name, a.doctor.specialty, toIsoInstant(a.createdAt)]
