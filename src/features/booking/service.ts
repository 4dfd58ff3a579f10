import { isUniqueViolation } from '../../db/errors'
import { AppError, NotFoundError, UnauthorizedError, ValidationError } from '../../lib/errors'
import { sha256Hex } from '../../lib/hash'
import { newId } from '../../lib/ids'
import { describeError, log } from '../../lib/log'
import { toIsoInstant } from '../../lib/time'
import { eq } from 'drizzle-orm'
import { appointments } from '../../db/schema'
import { notifyBooked } from '../appointments/notify'
import { findAppointment, insertEventWhere } from '../appointments/queries'
import { auditStatement } from '../../core/audit'
import { requestOrigin, type RequestContext } from '../../core/context'
import { assembleSchedules, scheduleStatements } from '../availability/queries'
import { slotsFromSchedule } from '../availability/service'
import type { Slot } from '../availability/slots'
import {
  bookingDoctorStatement,
  consultationTypesStatement,
  idempotencyKeyStatement,
  insertAppointmentIfFree,
  insertIdempotencyKeyIfBooked,
} from './queries'
import { toApiAppointment } from './present'
import type { BookInput } from './schemas'

const DAY = 24 * 3_600_000
const IDEMPOTENCY_TTL = DAY

export type BookingResult = { status: 201; body: { appointment: ReturnType<typeof toApiAppointment> }; replayed: boolean }

// The slot someone else just took, with the nearest free ones to offer instead.
export class SlotUnavailableError extends AppError {
  constructor(readonly alternatives: Slot[]) {
    super(409, 'slot_unavailable', 'That time is no longer free. Please choose another one.')
    this.extra = { alternatives: alternatives.map((s) => ({ start: toIsoInstant(s.start), end: toIsoInstant(s.end) })) }
  }
}

// The free slots closest to the one asked for, in time order.
export function nearestSlots(slots: Slot[], start: Date, count = 3): Slot[] {
  return [...slots]
    .filter((s) => s.start.getTime() !== start.getTime())
    .sort((a, b) => Math.abs(a.start.getTime() - start.getTime()) - Math.abs(b.start.getTime() - start.getTime()))
    .slice(0, count)
    .sort((a, b) => a.start.getTime() - b.start.getTime())
}

// Books a slot for the signed-in patient. The slot is checked against the doctor's schedule and
// then written by one conditional insert, so no check-then-insert race exists; with an
// Idempotency-Key, a repeat of the same request gets the first answer again, never a second
// booking, and the same key with another request is refused (422).
export async function bookAppointment(ctx: RequestContext, input: BookInput, idempotencyKey?: string): Promise<BookingResult> {
  const patient = ctx.actor
  if (!patient) throw new UnauthorizedError()
  const now = new Date()
  const requestHash = await sha256Hex(JSON.stringify([input.doctor_id, input.start.toISOString(), input.type, input.reason]))
  const windowFrom = new Date(input.start.getTime() - DAY)
  const windowTo = new Date(input.start.getTime() + 2 * DAY)
  const [doctorRows, typeRows, keyRows, ...scheduleRows] = await ctx.db.batch([
    bookingDoctorStatement(ctx.db, input.doctor_id),
    consultationTypesStatement(ctx.db, input.doctor_id),
    idempotencyKeyStatement(ctx.db, patient.id, idempotencyKey ?? ''),
    ...scheduleStatements(ctx.db, [input.doctor_id], windowFrom, windowTo),
  ])
  const replay = replayOf(keyRows[0], requestHash)
  if (replay) return replay
  const doctor = doctorRows[0]
  if (!doctor) throw new NotFoundError('No such doctor.')
  const offered = typeRows.find((t) => t.type === input.type)
  if (typeRows.length > 0 && !offered) throw new ValidationError({ type: 'is not offered by this doctor' })
  const schedule = assembleSchedules(scheduleRows).get(doctor.id)
  const slots = slotsFromSchedule(schedule, windowFrom, windowTo, now)
  const slot = slots.find((s) => s.start.getTime() === input.start.getTime())
  if (!slot || !schedule) throw new SlotUnavailableError(nearestSlots(slots, input.start))

  const status = schedule.settings.autoConfirm ? 'confirmed' : 'pending'
  const appointment = {
    id: newId('apt'),
    patient: { id: patient.id, name: patient.name },
    doctor: { id: doctor.id, name: doctor.name, specialty: doctor.specialty },
    startAt: slot.start,
    endAt: slot.end,
    type: input.type,
    reason: input.reason,
    status,
    createdAt: now,
    updatedAt: now,
  }
  const body = { appointment: toApiAppointment(appointment) }
  try {
    const [inserted] = await ctx.db.batch([
      insertAppointmentIfFree(ctx.db, { ...appointment, patientId: patient.id, doctorId: doctor.id, now }, schedule.settings.bufferMinutes),
      insertEventWhere(
        ctx.db,
        { id: newId('ape'), appointmentId: appointment.id, actorUserId: patient.id, kind: 'status_changed', fromStatus: null, toStatus: status, now },
        eq(appointments.id, appointment.id),
      ),
      ...(idempotencyKey
        ? [insertIdempotencyKeyIfBooked(ctx.db, { userId: patient.id, key: idempotencyKey, path: '/api/v1/appointments', requestHash, status: 201, body: JSON.stringify(body), appointmentId: appointment.id, now, expiresAt: new Date(now.getTime() + IDEMPOTENCY_TTL) })]
        : []),
    ])
    if (inserted.rowsAffected === 0) {
      // A repeat of a request that is booking this very slot right now answers as the first.
      if (idempotencyKey) return await replayAfterRace(ctx, patient.id, idempotencyKey, requestHash, nearestSlots(slots, input.start))
      throw new SlotUnavailableError(nearestSlots(slots, input.start))
    }
    ctx.background(
      auditStatement(ctx.db, {
        action: 'appointment.booked',
        actorUserId: patient.id,
        actorRole: patient.role,
        entityType: 'appointment',
        entityId: appointment.id,
        subjectUserId: patient.id,
        ...requestOrigin(ctx),
        metadata: { slot: toIsoInstant(slot.start) },
      }).execute(),
    )
  } catch (err) {
    if (err instanceof AppError) throw err
    if (idempotencyKey && isUniqueViolation(err, 'idempotency_keys')) return replayAfterRace(ctx, patient.id, idempotencyKey, requestHash, [])
    if (isUniqueViolation(err, 'appointments')) throw new SlotUnavailableError(nearestSlots(slots, input.start))
    throw err
  }
  await tellParties(ctx, appointment.id)
  return { status: 201, body, replayed: false }
}

// The booking stands whatever happens to its emails; a failure to queue them is logged, not
// turned into an error for a patient whose appointment is already made.
async function tellParties(ctx: RequestContext, appointmentId: string) {
  try {
    const row = await findAppointment(ctx.db, appointmentId)
    if (row) await notifyBooked(ctx, row)
  } catch (err) {
    log('error', 'booking email not queued', { appointment_id: appointmentId, error: describeError(err) })
  }
}

function replayOf(key: { requestHash: string; responseStatus: number | null; responseBody: string | null; expiresAt: Date } | undefined, requestHash: string): BookingResult | undefined {
  if (!key || key.expiresAt.getTime() < Date.now()) return undefined
  if (key.requestHash !== requestHash) {
    throw new AppError(422, 'idempotency_key_reused', 'This Idempotency-Key was already used for a different request.')
  }
  return { status: 201, body: JSON.parse(key.responseBody!) as BookingResult['body'], replayed: true }
}

// Two requests with one key raced and the other one won: answer as it did. Without a recorded
// answer the slot went to someone else.
async function replayAfterRace(ctx: RequestContext, userId: string, key: string, requestHash: string, alternatives: Slot[]) {
  const [row] = await idempotencyKeyStatement(ctx.db, userId, key)
  const replay = replayOf(row, requestHash)
  if (!replay) throw new SlotUnavailableError(alternatives)
  return replay
}
