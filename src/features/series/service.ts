import { batchGroups } from '../../core/batch-groups'
import { requireActor, requireDoctor, type RequestContext } from '../../core/context'
import { actorAuditStatement } from '../../core/audit'
import { noticesStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { AppError, NotFoundError, ValidationError } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { newId } from '../../lib/ids'
import { addDays, DAY_MS, instantFromWallTime, wallTimeIn } from '../../lib/time'
import { assembleSchedules, scheduleStatements } from '../availability/queries'
import { freeSlotsOf, slotAt } from '../availability/service'
import { appointmentChanged, bookingDoctorStatement, consultationTypesStatement, insertAppointmentIfFree, insertEventIfChanged } from '../appointments/queries'
import { transitionAppointment } from '../appointments/service'
import { emailLinks } from '../mail/links'
import { seriesBookedMessage } from '../mail/templates'
import { insertSeriesStatement, occurrencesStatement, seriesStatement, treatedPatientStatement } from './queries'
import type { SeriesInput } from './schemas'

// Recurring series (e.g. weekly therapy): the doctor books a patient they treat at the same wall
// time every week or two; each occurrence is an ordinary, confirmed appointment carrying the
// series' id. A time that is not free is reported and skipped, never dropped silently.

const STEP_DAYS = { weekly: 7, biweekly: 14 } as const

export type Skipped = { start: Date; reason: string }

/** The starts of a series: the same time on the doctor's clock, every step, across clock changes. */
export function occurrenceStarts(first: Date, timezone: string, frequency: keyof typeof STEP_DAYS, count: number): Date[] {
  const wall = wallTimeIn(first, timezone)
  return Array.from({ length: count }, (_, i) => instantFromWallTime(addDays(wall, i * STEP_DAYS[frequency]), wall.hour * 60 + wall.minute, timezone))
}

/** The patient a doctor would book a series for: only one they treat (404 otherwise). */
export async function patientForSeries(ctx: RequestContext, patientId: string) {
  const doctor = requireDoctor(ctx)
  const [patient] = await treatedPatientStatement(ctx.db, doctor.doctorId, patientId)
  if (!patient) throw new NotFoundError('No such patient among yours.')
  return patient
}

export async function bookSeries(ctx: RequestContext, input: SeriesInput) {
  const doctor = requireDoctor(ctx)
  const now = ctx.now
  const lastDay = input.start.getTime() + (input.occurrences - 1) * STEP_DAYS[input.frequency] * DAY_MS
  const window = { from: new Date(input.start.getTime() - DAY_MS), to: new Date(lastDay + 2 * DAY_MS) }
  const [patients, doctorRows, types, ...scheduleRows] = await ctx.db.batch([
    treatedPatientStatement(ctx.db, doctor.doctorId, input.patient_id),
    bookingDoctorStatement(ctx.db, doctor.doctorId),
    consultationTypesStatement(ctx.db, doctor.doctorId),
    ...scheduleStatements(ctx.db, [doctor.doctorId], window.from, window.to, now),
  ])
  const patient = patients[0]
  if (!patient) throw new NotFoundError('No such patient among yours.')
  if (!doctorRows[0]) throw new NotFoundError('Your profile is not bookable.')
  if (types.length > 0 && !types.some((t) => t.type === input.type)) throw new ValidationError({ type: 'is not one of the kinds of visit you offer' })
  const schedule = assembleSchedules(scheduleRows).get(doctor.doctorId)
  if (!schedule) throw new ValidationError({ start: 'is not a working time: set your working hours first' })
  const free = freeSlotsOf(schedule, window, now, { limit: 10_000 })
  const skipped: Skipped[] = []
  const slots = occurrenceStarts(input.start, schedule.settings.timezone, input.frequency, input.occurrences).flatMap((start) => {
    const slot = slotAt(free, start)
    if (slot) return [slot]
    const taken = schedule.booked.some((b) => b.startAt.getTime() < start.getTime() + schedule.settings.slotMinutes * 60_000 && b.endAt > start)
    skipped.push({ start, reason: taken ? 'Another appointment is booked at this time.' : 'Not a free time: outside your working hours, on time off, past, or further ahead than you take bookings.' })
    return []
  })
  if (slots.length === 0) throw new ValidationError({ start: 'none of the times is free: each one conflicts with a booking, time off or your working hours' })
  const seriesId = newId('ser')
  const occurrences = slots.map((slot) => {
    const id = newId('apt')
    return {
      slot,
      id,
      statements: [
        insertAppointmentIfFree(
          ctx.db,
          { id, patientId: patient.id, doctorId: doctor.doctorId, startAt: slot.start, endAt: slot.end, type: input.type, reason: input.reason, status: 'confirmed', respondBy: null, paymentDueBy: null, patientTimezone: null, seriesId, now },
          schedule.settings.bufferMinutes,
        ),
        insertEventIfChanged(ctx.db, { id: newId('ape'), appointmentId: id, actorUserId: doctor.id, kind: 'status_changed', fromStatus: null, toStatus: 'confirmed', note: 'Booked in a series', now }),
      ],
    }
  })
  // The series row first (the occurrences name it), then each occurrence: a time taken meanwhile
  // is skipped like any other conflict.
  const took = new Set<unknown>(await batchGroups(ctx.db, [{ statements: [insertSeriesStatement(ctx.db, { id: seriesId, doctorId: doctor.doctorId, patientId: patient.id, frequency: input.frequency, occurrences: input.occurrences, createdAt: now })] }, ...occurrences]))
  const booked = occurrences.filter((o) => took.has(o))
  for (const lost of occurrences.filter((o) => !took.has(o))) skipped.push({ start: lost.slot.start, reason: 'Another appointment was booked at this time meanwhile.' })
  skipped.sort((a, b) => a.start.getTime() - b.start.getTime())
  await tellPatient(ctx, { seriesId, patient, doctorName: doctor.name, booked: booked.map((o) => ({ id: o.id, start: o.slot.start })), skipped: skipped.length, timezone: schedule.settings.timezone })
  return { id: seriesId, booked: booked.map((o) => ({ id: o.id, start: o.slot.start, end: o.slot.end })), skipped }
}

// One notice for the whole series (not one per visit), and the audit entry.
async function tellPatient(ctx: RequestContext, series: { seriesId: string; patient: { id: string; name: string; email: string }; doctorName: string; booked: { id: string; start: Date }[]; skipped: number; timezone: string }) {
  if (series.booked.length === 0) return
  const times = series.booked.map((b) => formatDateTime(b.start, series.timezone))
  const notice: Notice = {
    userId: series.patient.id,
    kind: 'appointment_booked',
    title: `${series.doctorName} booked ${series.booked.length} visits for you`,
    link: `/series/${series.seriesId}`,
    email: { to: series.patient.email, ...seriesBookedMessage({ name: series.patient.name, doctorName: series.doctorName, times: times.map((t) => `${t} (${series.timezone.replace(/_/g, ' ')})`), skipped: series.skipped, link: emailLinks.series(ctx, series.seriesId) }) },
  }
  await ctx.db.batch([
    actorAuditStatement(ctx, { action: 'series.booked', entityType: 'series', entityId: series.seriesId, subjectUserId: series.patient.id, metadata: { booked: series.booked.length, skipped: series.skipped } }),
    ...noticesStatements(ctx, [notice], appointmentChanged(series.booked[0]!.id)),
  ])
  afterNotices(ctx, [notice])
}

/** A series and its occurrences, for its doctor and its patient (404 for anyone else). */
export async function seriesOf(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx)
  const [[series], occurrences] = await ctx.db.batch([seriesStatement(ctx.db, id, { userId: actor.id, doctorId: actor.doctorId }), occurrencesStatement(ctx.db, id)])
  if (!series) throw new NotFoundError('No such series.')
  return { ...series, occurrences, viewer: series.patientId === actor.id ? ('patient' as const) : ('doctor' as const) }
}

/**
 * Cancels the rest of a series: the occurrence `from` and every later live one (without `from`,
 * every one still to come), each as an ordinary cancellation with its rules and notices. Those the
 * rules refuse (a patient inside the cancellation notice) are reported, not skipped silently.
 */
export async function cancelRest(ctx: RequestContext, id: string, input: { from?: string; reason?: string }) {
  const series = await seriesOf(ctx, id)
  const from = input.from ? series.occurrences.find((o) => o.id === input.from) : undefined
  if (input.from && !from) throw new ValidationError({ from: 'is not an appointment of this series' })
  const cutoff = from?.startAt ?? ctx.now
  const cancelled: string[] = []
  const refused: { id: string; message: string }[] = []
  for (const occurrence of series.occurrences.filter((o) => (o.status === 'confirmed' || o.status === 'pending') && o.startAt >= cutoff)) {
    try {
      await transitionAppointment(ctx, { id: occurrence.id, action: 'cancel', reason: input.reason })
      cancelled.push(occurrence.id)
    } catch (err) {
      if (!(err instanceof AppError) || err.status >= 500) throw err
      refused.push({ id: occurrence.id, message: err.message })
    }
  }
  return { cancelled, refused }
}
