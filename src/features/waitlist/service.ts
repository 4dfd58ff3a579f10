import type { Actor } from '../../core/actor'
import { bookableTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import { requireActor, requireDoctor, type RequestContext } from '../../core/context'
import { ConflictError, ForbiddenError, NotFoundError, ValidationError } from '../../lib/errors'
import { newId } from '../../lib/ids'
import { addDays, dateKey, parseDateKey, wallTimeIn } from '../../lib/time'
import { offerIdOf, offerTokenValid } from '../availability/offer-link'
import { offerFreeSlots } from '../availability/offers'
import { earliestToday } from '../availability/waitlist-matching'
import { bookingDoctorStatement, consultationTypesStatement, findAppointment } from '../appointments/queries'
import { placeBooking } from '../appointments/service/book'
import { viewOf } from '../appointments/service/access'
import { insertEntryStatement, leaveEntryStatements, offerStatement, patientEntriesStatement, waitingEntryOfStatement } from './queries'
import { waitingCountStatement } from '../availability/offer-queries'
import { MAX_WAIT_DAYS, type JoinWaitlist } from './schemas'

// The waitlist: patients wait for a doctor's time with what suits them, and take a freed slot
// offered to them (availability/offers.ts makes the offers).

function requirePatient(ctx: RequestContext): Actor {
  const actor = requireActor(ctx)
  if (actor.role !== 'patient') throw new ForbiddenError('Only patients wait for appointments.')
  return actor
}

/** Joins a doctor's waitlist; a free slot that already suits is offered at once. */
export async function joinWaitlist(ctx: RequestContext, input: JoinWaitlist) {
  const patient = requirePatient(ctx)
  const timezone = input.timezone ?? patient.timezone ?? 'UTC'
  const today = dateKey(wallTimeIn(ctx.now, timezone))
  if (input.from < today) throw new ValidationError({ from: 'is in the past: choose today or a later day' })
  const last = dateKey(addDays(parseDateKey(today), MAX_WAIT_DAYS))
  if (input.to > last) throw new ValidationError({ to: `must be within ${MAX_WAIT_DAYS} days from today` })
  const [doctor, types, waiting] = await ctx.db.batch([
    bookingDoctorStatement(ctx.db, input.doctor_id),
    consultationTypesStatement(ctx.db, input.doctor_id),
    waitingEntryOfStatement(ctx.db, patient.id, input.doctor_id, today),
  ])
  if (!doctor[0]) throw new NotFoundError('No such doctor.')
  if (!bookableTypes(await settingsOf(ctx), types).includes(input.type)) throw new ValidationError({ type: 'is not offered by this doctor' })
  if (waiting[0]) throw new ConflictError('You are already on this doctor’s waitlist. Leave it first to change what suits you.', 'already_waiting')
  const id = newId('wle')
  const entry = {
    id,
    patientId: patient.id,
    doctorId: input.doctor_id,
    fromDate: input.from,
    toDate: input.to,
    weekdays: [...new Set(input.weekdays)].sort().join(','),
    timesOfDay: [...new Set(input.times_of_day)].join(','),
    timezone,
    type: input.type,
    reason: input.reason,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  }
  await insertEntryStatement(ctx.db, entry)
  await offerFreeSlots(ctx, [input.doctor_id])
  return id
}

/** The patient's waitlists still waiting, each with the offer held for it, if any. */
export async function myWaitlists(ctx: RequestContext) {
  const patient = requirePatient(ctx)
  return patientEntriesStatement(ctx.db, patient.id, ctx.now)
}

/** Leaves a waitlist; a slot held for it is released (and offered to the next match). */
export async function leaveWaitlist(ctx: RequestContext, entryId: string) {
  const patient = requirePatient(ctx)
  const [left] = await ctx.db.batch(leaveEntryStatements(ctx.db, entryId, patient.id, ctx.now))
  if (!left[0]) throw new NotFoundError('No such waitlist entry.')
  await offerFreeSlots(ctx, [left[0].doctorId])
}

/** How many patients wait for the signed-in doctor. */
export async function waitingForMe(ctx: RequestContext) {
  const doctor = requireDoctor(ctx)
  const [row] = await waitingCountStatement(ctx.db, doctor.doctorId, earliestToday(ctx.now))
  return row?.count ?? 0
}

type Offer = NonNullable<Awaited<ReturnType<typeof offerStatement>>[number]>

/**
 * Books an offer's held slot for its patient, in one request: with the one-tap link (signed for
 * the patient, no session needed) or as the signed-in patient. Idempotent: an offer already taken
 * answers with the appointment it made; one expired or withdrawn is 409 offer_expired.
 */
export async function takeOffer(ctx: RequestContext, by: { token: string } | { offerId: string }, options: { reason?: string } = {}) {
  const offerId = 'token' in by ? offerIdOf(by.token) : by.offerId
  const [offer] = offerId ? await offerStatement(ctx.db, offerId) : []
  const allowed = offer && ('token' in by ? offerTokenValid(ctx.env.SESSION_SECRET, by.token, offer.patientId) : ctx.actor?.id === offer.patientId)
  if (!offer || !allowed || !offer.patientActive) throw new NotFoundError('No such offer.')
  const patient = patientOf(ctx, offer)
  if (offer.status === 'taken' && offer.appointmentId) {
    const row = await findAppointment(ctx.db, offer.appointmentId)
    if (row) return { appointment: viewOf(row, patient), replayed: true, timezone: patient.timezone ?? 'UTC' }
  }
  if (offer.status !== 'open' || offer.expiresAt <= ctx.now) {
    throw new ConflictError('This time was held for you until the offer expired, and has passed to the next patient waiting. You are still on the waitlist for other times.', 'offer_expired')
  }
  const booked = await placeBooking(
    ctx,
    patient,
    { doctor_id: offer.doctorId, start: offer.startAt, type: offer.type, reason: options.reason ?? offer.reason ?? 'Booked from an offer', patientTimezone: offer.timezone ?? undefined },
    { offer },
  )
  // The zone the patient waits in: the times they are shown.
  return { ...booked, timezone: patient.timezone ?? 'UTC' }
}

// The patient an offer is for, as the booking names them: the signed-in one, or from the offer.
function patientOf(ctx: RequestContext, offer: Offer): Actor {
  if (ctx.actor?.id === offer.patientId) return ctx.actor
  return { id: offer.patientId, email: offer.patientEmail, name: offer.patientName, role: 'patient', adminRole: null, clinicId: null, emailVerifiedAt: null, createdAt: ctx.now, doctorId: null, doctorStatus: null, timezone: offer.timezone }
}
