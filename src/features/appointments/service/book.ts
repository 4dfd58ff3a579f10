import { offeredTypes } from '../../../core/settings'
import { auditStatement } from '../../../core/audit'
import { requestOrigin, requireActor, type RequestContext } from '../../../core/context'
import type { Actor } from '../../../core/actor'
import { isUniqueViolation } from '../../../db/errors'
import { LIMITS } from '../../../durable-objects/rate-limiter/limits'
import { enforceRateLimit } from '../../../middleware/rate-limit'
import { AppError, ForbiddenError, IdempotencyKeyReusedError, NotFoundError, SlotUnavailableError, ValidationError } from '../../../lib/errors'
import { sha256Hex } from '../../../lib/hash'
import { newId } from '../../../lib/ids'
import { DAY_MS, toIsoInstant } from '../../../lib/time'
import { assembleSchedules, scheduleStatements } from '../../availability/queries'
import { freeSlotsOf, nearestAlternatives, slotAt, windowAround } from '../../availability/service'
import { noticesStatements } from '../../../core/notices/queries'
import { afterNotices } from '../../../core/notices/send'
import { bookedNotices } from '../notify'
import type { AppointmentView } from '../present'
import {
  appointmentChanged,
  type AppointmentRow,
  bookingDoctorStatement,
  consultationTypesStatement,
  findAppointment,
  idempotencyKeyStatement,
  insertAppointmentIfFree,
  insertEventIfChanged,
  insertHoldPaymentStatement,
  insertIdempotencyKeyIfBooked,
} from '../queries'
import type { BookInput } from '../schemas'
import { viewOf } from './access'
import { sealIntake } from '../../intake/service'
import { heldForPatientStatement, offerTakenStatements } from '../../availability/offer-queries'
import { questionnaireOf } from '../../intake/questionnaire'
import { respondBy } from './policy'
import { settingsOf } from '../../../core/settings-of'
import { localPaymentsAllowed, stripeConfigured } from '../../../core/stripe'

const IDEMPOTENCY_TTL = DAY_MS

class PaymentsUnavailableError extends AppError {
  constructor() {
    super(503, 'payments_unavailable', 'This doctor takes payment when you book, and payments are not available right now. Please try again later.')
  }
}

type Booked = { appointment: AppointmentView; replayed: boolean }

// How a booking came about, beyond the patient's own request: the offer whose held slot it takes
// (one held for this patient for this very slot is taken even without it: the booking page and
// the offer's link book the same), and the request's idempotency record.
export type Placement = {
  offer?: HeldOffer
  idempotency?: { key: string; requestHash: string }
}
type HeldOffer = { id: string; entryId: string | null; requestId: string | null }

/**
 * Books a free slot for the signed-in patient. The slot is checked against the doctor's schedule
 * and then written by one conditional insert, so no check-then-insert race exists. With an
 * idempotency key, a repeat of the same request gets the appointment the first one made, never a
 * second booking, and the same key with another request is refused.
 */
// `patientTimezone`: the zone the booking page showed the time in (a page booking only).
export async function bookAppointment(ctx: RequestContext, input: BookInput & { idempotencyKey?: string; patientTimezone?: string }): Promise<Booked> {
  const patient = requireActor(ctx)
  if (patient.role !== 'patient') throw new ForbiddenError()
  await enforceRateLimit(ctx.env, 'booking-user', patient.id, LIMITS.bookingUser)
  const { idempotencyKey } = input
  const requestHash = await sha256Hex(JSON.stringify([input.doctor_id, input.start.toISOString(), input.type, input.reason, input.intake ?? null]))
  return placeBooking(ctx, patient, input, { idempotency: idempotencyKey ? { key: idempotencyKey, requestHash } : undefined })
}

/** The booking itself, for a patient: their own request, or an offer they take. */
export async function placeBooking(ctx: RequestContext, patient: Actor, input: BookInput & { patientTimezone?: string }, placement: Placement): Promise<Booked> {
  const idempotencyKey = placement.idempotency?.key
  const requestHash = placement.idempotency?.requestHash ?? ''
  const window = windowAround(input.start)
  const [doctorRows, typeRows, keyRows, heldRows, ...scheduleRows] = await ctx.db.batch([
    bookingDoctorStatement(ctx.db, input.doctor_id),
    consultationTypesStatement(ctx.db, input.doctor_id),
    idempotencyKeyStatement(ctx.db, patient.id, idempotencyKey ?? ''),
    heldForPatientStatement(ctx.db, patient.id, input.doctor_id, input.start, ctx.now),
    ...scheduleStatements(ctx.db, [input.doctor_id], window.from, window.to, ctx.now),
  ])
  const replay = await replayOf(ctx, keyRows[0], requestHash)
  if (replay) return replay
  const doctor = doctorRows[0]
  if (!doctor) throw new NotFoundError('No such doctor.')
  if (typeRows.length > 0 && !typeRows.some((t) => t.type === input.type)) throw new ValidationError({ type: 'is not offered by this doctor' })
  if (!offeredTypes(await settingsOf(ctx)).includes(input.type)) throw new ValidationError({ type: 'is not offered on MediConnect at the moment' })
  const schedule = assembleSchedules(scheduleRows).get(doctor.id)
  // An offer's own hold does not keep its slot from it.
  const offer = placement.offer ?? heldRows[0]
  const slots = freeSlotsOf(schedule, window, ctx.now, { heldBy: offer?.id })
  const slot = slotAt(slots, input.start)
  const alternatives = nearestAlternatives(slots, input.start)
  if (!slot || !schedule) throw new SlotUnavailableError(alternatives)

  const now = ctx.now
  const settings = await settingsOf(ctx)
  const id = newId('apt')
  // The questionnaire's answers, sealed for this appointment; a red flag makes it urgent.
  const intake = input.intake ? await sealIntake(ctx, { appointmentId: id, answers: input.intake, questionnaire: questionnaireOf(doctor) }) : undefined
  const urgent = Boolean(intake?.redFlag)
  // A doctor who charges up front: the slot is held (pending, so no one else can take it) until
  // the payment is confirmed, for the amount our own prices say.
  const fee = typeRows.find((t) => t.type === input.type)?.feeCents ?? doctor.feeCents
  const paymentDueBy = doctor.chargeUpFront && fee > 0 ? new Date(now.getTime() + settings['payments.hold_minutes'] * 60_000) : null
  // Production without Stripe keys takes no payments: such a doctor cannot be booked online then.
  if (paymentDueBy && !stripeConfigured(ctx.env) && !localPaymentsAllowed(ctx.env)) throw new PaymentsUnavailableError()
  const status = paymentDueBy ? 'pending' : schedule.settings.autoConfirm ? 'confirmed' : 'pending'
  const row: NonNullable<AppointmentRow> = {
    id,
    patientId: patient.id,
    patientName: patient.name,
    patientEmail: patient.email,
    doctorId: doctor.id,
    doctorUserId: doctor.userId,
    doctorClinicId: doctor.clinicId,
    doctorName: doctor.name,
    doctorEmail: doctor.email,
    specialty: doctor.specialty,
    practiceAddress: doctor.practiceAddress,
    doctorCity: doctor.city,
    startAt: slot.start,
    endAt: slot.end,
    type: input.type,
    reason: input.reason,
    status,
    createdAt: now,
    updatedAt: now,
    paymentDueBy,
    urgent,
    seriesId: null,
    followUpOn: null,
    hasIntake: Boolean(intake),
    // As the appointment's row will say (appointmentSelect): the profile's zone, else the page's.
    patientTimezone: patient.timezone ?? input.patientTimezone ?? 'UTC',
    doctorTimezone: schedule.settings.timezone,
  }
  // A hold tells nobody yet: the booking is news once it is paid for.
  const notices = paymentDueBy ? [] : bookedNotices(ctx, row)
  try {
    const [inserted] = await ctx.db.batch([
      insertAppointmentIfFree(
        ctx.db,
        {
          id,
          patientId: patient.id,
          doctorId: doctor.id,
          startAt: slot.start,
          endAt: slot.end,
          type: input.type,
          reason: input.reason,
          status,
          respondBy: status === 'pending' && !paymentDueBy ? respondBy(now, slot.start, settings['appointments.requests']) : null,
          paymentDueBy,
          patientTimezone: input.patientTimezone ?? null,
          urgent,
          offerId: offer?.id,
          now,
        },
        schedule.settings.bufferMinutes,
      ),
      insertEventIfChanged(
        ctx.db,
        { id: newId('ape'), appointmentId: id, actorUserId: patient.id, kind: 'status_changed', fromStatus: null, toStatus: status, now },
      ),
      ...(paymentDueBy
        ? [insertHoldPaymentStatement(ctx.db, { id: newId('pay'), appointmentId: id, patientId: patient.id, doctorId: doctor.id, amountCents: fee, currency: doctor.currency, provider: stripeConfigured(ctx.env) ? 'stripe' : 'local', now })]
        : []),
      ...(idempotencyKey
        ? [insertIdempotencyKeyIfBooked(ctx.db, { userId: patient.id, key: idempotencyKey, requestHash, appointmentId: id, now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL) })]
        : []),
      ...(intake ? [intake.statementIf(appointmentChanged(id))] : []),
      ...(offer ? offerTakenStatements(ctx.db, offer, id, appointmentChanged(id), now) : []),
      ...noticesStatements(ctx, notices, appointmentChanged(id)),
    ])
    if (inserted.rowsAffected === 0) {
      // A repeat of a request that is booking this very slot right now answers as the first.
      if (idempotencyKey) return await replayAfterRace(ctx, idempotencyKey, requestHash, alternatives)
      throw new SlotUnavailableError(alternatives)
    }
  } catch (err) {
    if (err instanceof AppError) throw err
    if (idempotencyKey && isUniqueViolation(err, 'idempotency_keys')) return replayAfterRace(ctx, idempotencyKey, requestHash, [])
    if (isUniqueViolation(err, 'appointments')) throw new SlotUnavailableError(alternatives)
    throw err
  }
  ctx.background(
    auditStatement(ctx.db, {
      action: 'appointment.booked',
      actorUserId: patient.id,
      actorRole: patient.role,
      entityType: 'appointment',
      entityId: id,
      subjectUserId: patient.id,
      ...requestOrigin(ctx),
      metadata: { slot: toIsoInstant(slot.start), ...(offer ? { offer: offer.id } : {}), ...(urgent ? { urgent: true } : {}) },
    }).execute(),
  )
  afterNotices(ctx, notices)
  return { appointment: viewOf(row, patient), replayed: false }
}

// A live record of the same key: the same request gets what it produced, another is refused.
async function replayOf(ctx: RequestContext, key: { requestHash: string; resultId: string | null; expiresAt: Date } | undefined, requestHash: string): Promise<Booked | undefined> {
  if (!key || !requestHash || key.expiresAt.getTime() < ctx.now.getTime()) return undefined
  if (key.requestHash !== requestHash) throw new IdempotencyKeyReusedError()
  const row = key.resultId ? await findAppointment(ctx.db, key.resultId) : undefined
  return row ? { appointment: viewOf(row, requireActor(ctx)), replayed: true } : undefined
}

// Two requests with one key raced and the other one won: answer as it did. Without a recorded
// answer the slot went to someone else.
async function replayAfterRace(ctx: RequestContext, key: string, requestHash: string, alternatives: { start: Date; end: Date }[]) {
  const [row] = await idempotencyKeyStatement(ctx.db, requireActor(ctx).id, key)
  const replay = await replayOf(ctx, row, requestHash)
  if (!replay) throw new SlotUnavailableError(alternatives)
  return replay
}
