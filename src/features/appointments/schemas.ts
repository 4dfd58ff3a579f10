import { z } from 'zod'
import { Instant, IsoDate, TEXT_LIMITS } from '../../core/input'
import { APPOINTMENT_STATUSES, CONSULTATION_TYPES } from '../../db/schema/enums'
import { IntakeAnswers } from '../intake/schemas'

export const BookInput = z.object({
  doctor_id: z.string().trim().min(1, 'is required').max(40, 'is not a known doctor'),
  start: Instant,
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person'),
  reason: z.string().trim().min(3, 'must be at least 3 characters').max(TEXT_LIMITS.reason, `must be at most ${TEXT_LIMITS.reason} characters`),
  // The booking questionnaire (features/intake): sealed into the patient's record.
  intake: IntakeAnswers.optional(),
})
export type BookInput = z.infer<typeof BookInput>

// The admins' appointments table, all in the URL: find by patient, doctor or id; filter; sort; page.
export const AdminAppointmentsQuery = z.object({
  q: z.string().trim().max(TEXT_LIMITS.search, `must be at most ${TEXT_LIMITS.search} characters`).optional(),
  status: z.enum(APPOINTMENT_STATUSES, 'is not a status').optional(),
  doctor: z.string().trim().max(40, 'is not a doctor id').optional(),
  specialty: z.string().trim().max(40, 'is not a specialty id').optional(),
  type: z.enum(CONSULTATION_TYPES, 'must be one of video, chat, in_person').optional(),
  clinic: z.string().trim().max(40, 'is not a clinic id').optional(),
  from: IsoDate.optional(),
  to: IsoDate.optional(),
  sort: z.enum(['start', 'created'], 'is not a column to sort by').default('start'),
  dir: z.enum(['asc', 'desc'], 'must be asc or desc').default('desc'),
  cursor: z.string().max(300, 'is not a valid cursor').optional(),
})
export type AdminAppointmentsQuery = z.infer<typeof AdminAppointmentsQuery>

// A follow-up in so many days or weeks from the visit (at most a year).
export const FollowUpInput = z
  .object({
    in: z.coerce.number('must be a number').int('must be a whole number').min(1, 'must be at least 1').max(365, 'must be at most 365'),
    unit: z.enum(['days', 'weeks'], 'must be days or weeks').default('days'),
  })
  .refine((f) => (f.unit === 'weeks' ? f.in * 7 : f.in) <= 365, { message: 'must be within a year', path: ['in'] })
export type FollowUpInput = z.infer<typeof FollowUpInput>
export const followUpDays = (f: FollowUpInput) => (f.unit === 'weeks' ? f.in * 7 : f.in)
