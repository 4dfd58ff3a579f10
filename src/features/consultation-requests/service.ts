import { isClinicAdmin, type Actor } from '../../core/actor'
import { actorAuditStatement } from '../../core/audit'
import { seesClinic } from '../../core/clinic-scope'
import { doctorScope } from '../../core/clinic-scope-queries'
import { keyRingOf, requireActor, type RequestContext } from '../../core/context'
import { noticesStatements, type Notice } from '../../core/notices/queries'
import { afterNotices } from '../../core/notices/send'
import { bookableTypes } from '../../core/settings'
import { settingsOf } from '../../core/settings-of'
import { decryptField, encryptField } from '../../lib/field-crypto'
import { ConflictError, ForbiddenError, NotFoundError, SlotUnavailableError, ValidationError } from '../../lib/errors'
import { formatDateTime } from '../../lib/format'
import { newId } from '../../lib/ids'
import { DAY_MS, HOUR_MS } from '../../lib/time'
import { insertProposalIfFree, offerWritten, withdrawProposalStatement } from '../availability/offer-queries'
import { assembleSchedules, scheduleStatements, slotIsFree } from '../availability/queries'
import { freeSlotsOf, nearestAlternatives, slotAt, windowAround } from '../availability/service'
import { bookingDoctorStatement, consultationTypesStatement } from '../appointments/queries'
import { emailLinks } from '../mail/links'
import { consultationRequestMessage, requestAnsweredMessage } from '../mail/templates'
import { takeOffer } from '../waitlist/service'
import { closeRequestStatement, inboxStatement, insertRequestStatement, markProposedStatement, ownedByDoctor, patientRequestsStatement, requestClosed, requestDoctorColumn, requestStatement, type RequestRow } from './queries'
import type { AskInput } from './schemas'

// Consultation requests: a patient describes a problem and when suits them, without a slot; the
// doctor (or their clinic) proposes a time, held for the patient as an offer (availability's
// rule), and the patient confirms it, which books it. The problem is medical: sealed at rest,
// bound to its request, and every staff read of it audited.

export const sealedFor = (requestId: string) => `consultation:${requestId}`

/** A patient asks a doctor for a consultation. */
export async function askForConsultation(ctx: RequestContext, input: AskInput) {
  const patient = requireActor(ctx)
  if (patient.role !== 'patient') throw new ForbiddenError('Only patients ask for consultations.')
  const [doctor, types] = await ctx.db.batch([bookingDoctorStatement(ctx.db, input.doctor_id), consultationTypesStatement(ctx.db, input.doctor_id)])
  if (!doctor[0]) throw new NotFoundError('No such doctor.')
  if (!bookableTypes(await settingsOf(ctx), types).includes(input.type)) throw new ValidationError({ type: 'is not offered by this doctor' })
  const id = newId('crq')
  const problemSealed = await encryptField(keyRingOf(ctx), input.problem, sealedFor(id))
  const notices: Notice[] = [
    {
      userId: doctor[0].userId,
      kind: 'appointment_booked',
      title: `${patient.name} asks for a consultation`,
      link: '/doctor/requests',
      email: { to: doctor[0].email, ...consultationRequestMessage({ name: doctor[0].name, patientName: patient.name, link: emailLinks.requestInbox(ctx) }) },
    },
  ]
  await ctx.db.batch([
    insertRequestStatement(ctx.db, { id, patientId: patient.id, doctorId: input.doctor_id, type: input.type, problemSealed, preferredTimes: input.preferred_times, createdAt: ctx.now, updatedAt: ctx.now }),
    ...noticesStatements(ctx, notices, requestClosed(id, 'open')),
  ])
  afterNotices(ctx, notices)
  return id
}

async function opened(ctx: RequestContext, row: RequestRow) {
  return { ...row, problem: await decryptField(keyRingOf(ctx), row.problemSealed, sealedFor(row.id)) }
}
export type OpenedRequest = Awaited<ReturnType<typeof opened>>

/** The patient's own requests (their own words; no audit of a person reading their own). */
export async function myRequests(ctx: RequestContext) {
  const patient = requireActor(ctx)
  return Promise.all((await patientRequestsStatement(ctx.db, patient.id, ctx.now)).map((row) => opened(ctx, row)))
}

// Who answers requests: the doctor they are addressed to, and clinic or super admins over them.
function staffScope(actor: Actor) {
  if (actor.doctorId) return ownedByDoctor(actor.doctorId)
  if (isClinicAdmin(actor)) return doctorScope(actor, requestDoctorColumn)
  throw new ForbiddenError('Only doctors and clinic staff answer consultation requests.')
}
const mayAnswer = (actor: Actor, row: RequestRow) => (actor.doctorId ? row.doctorId === actor.doctorId : isClinicAdmin(actor) && seesClinic(actor, row.doctorClinicId))

/**
 * Requests waiting for a time that the caller answers, with the problems (each read audited), and
 * for a doctor their free times over the next two weeks (what they may propose): two round trips.
 */
export async function requestInbox(ctx: RequestContext) {
  const actor = requireActor(ctx)
  const window = { from: ctx.now, to: new Date(ctx.now.getTime() + 14 * DAY_MS) }
  const [rows, ...scheduleRows] = await ctx.db.batch([inboxStatement(ctx.db, staffScope(actor), ctx.now), ...scheduleStatements(ctx.db, actor.doctorId ? [actor.doctorId] : [], window.from, window.to, ctx.now)])
  if (rows.length) {
    const audits = rows.map((r) => actorAuditStatement(ctx, { action: 'consultation_request.read', entityType: 'consultation_request', entityId: r.id, subjectUserId: r.patientId }))
    await ctx.db.batch(audits as [(typeof audits)[number], ...typeof audits])
  }
  const freeTimes = actor.doctorId ? freeSlotsOf(assembleSchedules(scheduleRows).get(actor.doctorId), window, ctx.now, { limit: 40 }) : []
  return { items: await Promise.all(rows.map((row) => opened(ctx, row))), freeTimes }
}

async function loadForStaff(ctx: RequestContext, id: string) {
  const actor = requireActor(ctx)
  const [row] = await requestStatement(ctx.db, id, ctx.now)
  if (!row || !mayAnswer(actor, row)) throw new NotFoundError('No such request.')
  if (row.status !== 'open' && row.status !== 'proposed') throw new ConflictError(`This request is ${row.status} already.`, 'request_closed')
  return { actor, row }
}

/** The doctor (or clinic) proposes a free time: held for the patient until they confirm or it expires. */
export async function proposeTime(ctx: RequestContext, id: string, start: Date) {
  const { row } = await loadForStaff(ctx, id)
  const window = windowAround(start)
  const schedule = assembleSchedules(await ctx.db.batch(scheduleStatements(ctx.db, [row.doctorId], window.from, window.to, ctx.now))).get(row.doctorId)
  // The request's own earlier proposal does not keep its slot from the new one.
  const slots = freeSlotsOf(schedule, window, ctx.now, { heldBy: row.offerId ?? undefined })
  const slot = slotAt(slots, start)
  if (!slot || !schedule) throw new SlotUnavailableError(nearestAlternatives(slots, start))
  const hours = (await settingsOf(ctx))['requests.proposal_hours']
  const offerId = newId('ofr')
  const when = `${formatDateTime(slot.start, row.patientTimezone)} (${row.patientTimezone.replace(/_/g, ' ')})`
  const notices: Notice[] = [
    {
      userId: row.patientId,
      kind: 'offer',
      title: `${row.doctorName} proposes a time for your consultation`,
      body: `Held for you for ${hours} hours.`,
      link: '/requests',
      email: { to: row.patientEmail, ...requestAnsweredMessage({ name: row.patientName, doctorName: row.doctorName, when, link: emailLinks.myRequests(ctx) }) },
    },
  ]
  const written = offerWritten(offerId)
  const [, inserted] = await ctx.db.batch([
    withdrawProposalStatement(ctx.db, id, ctx.now, slotIsFree({ doctorId: row.doctorId, startAt: slot.start, endAt: slot.end, bufferMinutes: schedule.settings.bufferMinutes, now: ctx.now, offer: row.offerId ?? undefined })),
    insertProposalIfFree(ctx.db, { id: offerId, requestId: id, patientId: row.patientId, doctorId: row.doctorId, startAt: slot.start, endAt: slot.end, type: row.type, expiresAt: new Date(ctx.now.getTime() + hours * HOUR_MS), bufferMinutes: schedule.settings.bufferMinutes, now: ctx.now }),
    markProposedStatement(ctx.db, id, written, ctx.now),
    actorAuditStatement(ctx, { action: 'consultation_request.proposed', entityType: 'consultation_request', entityId: id, subjectUserId: row.patientId, metadata: { start: slot.start.toISOString() } }),
    ...noticesStatements(ctx, notices, written),
  ])
  if (inserted.rowsAffected === 0) throw new SlotUnavailableError(nearestAlternatives(slots, start))
  afterNotices(ctx, notices)
}

/** The doctor (or clinic) cannot take the request: it closes with the reason, the patient is told. */
export async function declineRequest(ctx: RequestContext, id: string, reason: string) {
  const { row } = await loadForStaff(ctx, id)
  const notices: Notice[] = [
    { userId: row.patientId, kind: 'offer', title: `${row.doctorName} cannot take your consultation request`, link: '/requests', email: { to: row.patientEmail, ...requestAnsweredMessage({ name: row.patientName, doctorName: row.doctorName, link: emailLinks.myRequests(ctx) }) } },
  ]
  await ctx.db.batch([
    closeRequestStatement(ctx.db, id, { status: 'declined', reason, now: ctx.now }),
    withdrawProposalStatement(ctx.db, id, ctx.now),
    actorAuditStatement(ctx, { action: 'consultation_request.declined', entityType: 'consultation_request', entityId: id, subjectUserId: row.patientId }),
    ...noticesStatements(ctx, notices, requestClosed(id, 'declined')),
  ])
  afterNotices(ctx, notices)
}

async function loadOwn(ctx: RequestContext, id: string) {
  const patient = requireActor(ctx)
  const [row] = await requestStatement(ctx.db, id, ctx.now)
  if (!row || row.patientId !== patient.id) throw new NotFoundError('No such request.')
  return row
}

/** The patient confirms the proposed time: it is booked (the offer's own hold lets only them). */
export async function confirmProposal(ctx: RequestContext, id: string) {
  const row = await loadOwn(ctx, id)
  if (!row.offerId) throw new ConflictError(row.status === 'booked' ? 'This request is booked already.' : 'No time is held for this request now; the doctor will propose one.', 'offer_expired')
  const problem = (await opened(ctx, row)).problem
  return takeOffer(ctx, { offerId: row.offerId }, { reason: problem.slice(0, 1000) })
}

/** The patient withdraws a request that is still waiting (a held time is released). */
export async function withdrawRequest(ctx: RequestContext, id: string) {
  await loadOwn(ctx, id)
  const [closed] = await ctx.db.batch([closeRequestStatement(ctx.db, id, { status: 'withdrawn', now: ctx.now }), withdrawProposalStatement(ctx.db, id, ctx.now)])
  if (closed.length === 0) throw new ConflictError('This request is closed already.', 'request_closed')
}
