// Enumerations shared by the Drizzle schema (CHECK constraints) and the zod input schemas.
export const ROLES = ['patient', 'doctor', 'admin'] as const
export type Role = (typeof ROLES)[number]

export const ADMIN_ROLES = ['super', 'clinic', 'support'] as const
export type AdminRole = (typeof ADMIN_ROLES)[number]

export const USER_STATUSES = ['active', 'deactivated', 'deleted'] as const

export const DOCTOR_STATUSES = ['pending', 'verified', 'rejected', 'deactivated'] as const
export type DoctorStatus = (typeof DOCTOR_STATUSES)[number]

export const CONSULTATION_TYPES = ['video', 'chat', 'in_person'] as const
export type ConsultationType = (typeof CONSULTATION_TYPES)[number]

export const APPOINTMENT_STATUSES = [
  'pending',
  'confirmed',
  'rejected',
  'cancelled',
  'completed',
  'no_show',
] as const
export type AppointmentStatus = (typeof APPOINTMENT_STATUSES)[number]

// A slot is taken while an appointment on it is in one of these states.
export const LIVE_APPOINTMENT_STATUSES = ['pending', 'confirmed'] as const

export const EMAIL_TOKEN_PURPOSES = ['verify_email', 'reset_password', 'invitation', 'change_email'] as const
export const CHALLENGE_PURPOSES = ['register', 'login'] as const

export const BLOOD_TYPES = ['A+', 'A-', 'B+', 'B-', 'AB+', 'AB-', 'O+', 'O-', 'unknown'] as const
export const SEVERITIES = ['mild', 'moderate', 'severe'] as const
export const DOCTOR_DOCUMENT_KINDS = ['licence', 'certificate', 'other'] as const
export const DOCUMENT_CATEGORIES = ['lab_report', 'imaging', 'prescription', 'referral', 'other'] as const
export const DOCUMENT_CONTENT_TYPES = [
  'application/pdf',
  'image/jpeg',
  'image/png',
  'image/webp',
] as const

export const PRESCRIPTION_STATUSES = ['draft', 'issued', 'superseded'] as const
export const NOTE_STATUSES = ['draft', 'final'] as const

export const CONVERSATION_KINDS = ['appointment', 'support'] as const
export const PAYMENT_STATUSES = ['pending', 'succeeded', 'failed', 'refunded', 'partially_refunded'] as const
export const REFUND_STATUSES = ['pending', 'succeeded', 'failed'] as const
export const PAYOUT_STATUSES = ['pending', 'paid', 'failed'] as const
// incomplete: Checkout started, not paid; past_due: a renewal failed (the grace period runs).
export const SUBSCRIPTION_STATUSES = ['incomplete', 'active', 'past_due', 'cancelled'] as const
// What a subscription plan may add: listed first (marked "Featured") in search.
export const PLAN_FEATURES = ['featured_listing'] as const
export type PlanFeature = (typeof PLAN_FEATURES)[number]
export const REVIEW_STATUSES = ['published', 'hidden', 'flagged'] as const
// open: support's turn; waiting: the requester's turn; resolved: answered (reopens on a reply); closed: final.
export const TICKET_STATUSES = ['open', 'waiting', 'resolved', 'closed'] as const
export type TicketStatus = (typeof TICKET_STATUSES)[number]
export const TICKET_CATEGORIES = ['account', 'appointment', 'technical', 'billing', 'other'] as const
export const TICKET_PRIORITIES = ['low', 'normal', 'high', 'urgent'] as const
export type TicketPriority = (typeof TICKET_PRIORITIES)[number]
export const EMAIL_STATUSES = ['queued', 'sent', 'failed'] as const
// waiting: offers may come; booked: took an offer; left: the patient left; expired: its range ended.
export const WAITLIST_STATUSES = ['waiting', 'booked', 'left', 'expired'] as const
export const TIMES_OF_DAY = ['morning', 'afternoon', 'evening'] as const
export type TimeOfDay = (typeof TIMES_OF_DAY)[number]
// A slot held for one patient: from the waitlist, or a doctor's answer to a consultation request.
export const OFFER_SOURCES = ['waitlist', 'request'] as const
// open: held for the patient; taken: booked by them; expired: not taken in time; withdrawn: no longer on offer.
export const OFFER_STATUSES = ['open', 'taken', 'expired', 'withdrawn'] as const
// open: waiting for a doctor; proposed: a time is held for the patient; booked; declined; withdrawn by the patient.
export const CONSULTATION_REQUEST_STATUSES = ['open', 'proposed', 'booked', 'declined', 'withdrawn'] as const
export const SERIES_FREQUENCIES = ['weekly', 'biweekly'] as const
