import { and, asc, desc, eq, gt, gte, inArray, isNull, lt, or, sql, type SQL } from 'drizzle-orm'
import { alias } from 'drizzle-orm/sqlite-core'
import type { Db } from '../../db/client'
import { DAY_MS } from '../../lib/time'
import {
  appointmentEvents,
  appointmentIntakes,
  appointments,
  availabilitySettings,
  doctorConsultationTypes,
  doctors,
  idempotencyKeys,
  patientProfiles,
  payments,
  refunds,
  specialties,
  users,
} from '../../db/schema'
import { LIVE_APPOINTMENT_STATUSES, type AppointmentStatus } from '../../db/schema/enums'
import { bookableDoctorCondition, slotIsFree } from '../availability/queries'
import { receiptNumberStatements } from '../../core/receipt-queries'
import { containsPattern, keysetAfter, keysetOrder, withinDays, type KeysetPosition } from '../../core/table-queries'
import { doctorOfClinic, doctorScope } from '../../core/clinic-scope-queries'
import type { Actor } from '../../core/actor'
import type { AdminAppointmentsQuery } from './schemas'

const patientUser = alias(users, 'patient_user')
const doctorUser = alias(users, 'doctor_user')

// An appointment with the names the API shows, and who its two parties are.
export function appointmentSelect(db: Db) {
  return db
    .select({
      id: appointments.id,
      patientId: appointments.patientId,
      patientName: patientUser.name,
      patientEmail: patientUser.email,
      doctorId: appointments.doctorId,
      doctorUserId: doctors.userId,
      // For the clinic rule (core/clinic-scope.ts): which clinic's admins see it.
      doctorClinicId: doctors.clinicId,
      doctorName: doctorUser.name,
      doctorEmail: doctorUser.email,
      specialty: specialties.name,
      // Where an in-person visit happens.
      practiceAddress: doctors.practiceAddress,
      doctorCity: doctors.city,
      startAt: appointments.startAt,
      endAt: appointments.endAt,
      type: appointments.type,
      reason: appointments.reason,
      status: appointments.status,
      createdAt: appointments.createdAt,
      updatedAt: appointments.updatedAt,
      // A hold waiting for its payment until then (doctors who charge up front).
      paymentDueBy: appointments.paymentDueBy,
      // A red flag in the intake questionnaire: doctors see it first.
      urgent: appointments.urgent,
      // An occurrence of a recurring series.
      seriesId: appointments.seriesId,
      // A follow-up the doctor proposed from this visit: the day around which to book it.
      followUpOn: appointments.followUpOn,
      // Whether the patient answered the booking questionnaire (its answers are read apart, audited).
      hasIntake: sql<boolean>`exists (select 1 from ${appointmentIntakes} where ${appointmentIntakes.appointmentId} = ${appointments.id})`.mapWith(Boolean),
      // For emails and pages: each party's own zone. A patient's is their profile's, else the
      // zone they saw the time in when booking, else UTC.
      patientTimezone: sql<string>`coalesce(${patientProfiles.timezone}, ${appointments.patientTimezone}, 'UTC')`,
      doctorTimezone: sql<string>`coalesce(${availabilitySettings.timezone}, 'UTC')`,
    })
    .from(appointments)
    .innerJoin(patientUser, eq(patientUser.id, appointments.patientId))
    .innerJoin(doctors, eq(doctors.id, appointments.doctorId))
    .innerJoin(doctorUser, eq(doctorUser.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .leftJoin(patientProfiles, eq(patientProfiles.userId, appointments.patientId))
    .leftJoin(availabilitySettings, eq(availabilitySettings.doctorId, appointments.doctorId))
}

export type AppointmentRow = Awaited<ReturnType<typeof findAppointment>>

export async function findAppointment(db: Db, id: string) {
  const [row] = await appointmentStatement(db, id)
  return row
}

export function appointmentStatement(db: Db, id: string) {
  return appointmentSelect(db).where(eq(appointments.id, id))
}

// The caller's own appointments: `owner` is the condition that scopes them (patient, doctor or
// none for admins), so no query returns what its caller may not see.
export function findAppointments(
  db: Db,
  options: { owner?: SQL; scope?: 'upcoming' | 'past'; statuses?: AppointmentStatus[]; now: Date; limit: number; after?: { startAt: Date; id: string } },
) {
  const upcoming = options.scope !== 'past'
  return appointmentSelect(db)
    .where(
      and(
        options.owner,
        options.scope ? (upcoming ? gte(appointments.endAt, options.now) : lt(appointments.endAt, options.now)) : undefined,
        options.statuses?.length ? inArray(appointments.status, options.statuses) : undefined,
      ),
    )
    .orderBy(upcoming ? asc(appointments.startAt) : desc(appointments.startAt), asc(appointments.id))
    .limit(options.limit)
}

export const ownedByPatient = (userId: string) => eq(appointments.patientId, userId)
// A doctor's appointments; a hold waiting for its payment is not one yet.
export const ownedByDoctor = (doctorId: string) => and(eq(appointments.doctorId, doctorId), isNull(appointments.paymentDueBy))!
// An admin's appointments: a clinic admin's are their clinic's doctors'; other admins' are all.
export const ownedByAdmin = (actor: Actor) => doctorScope(actor, appointments.doctorId)
// A doctor who may not act as one (not verified) owns none.
export const ownedByNobody = () => sql`0`

export type AppointmentEvent = {
  id: string
  appointmentId: string
  actorUserId: string
  kind: 'status_changed' | 'rescheduled'
  fromStatus: string | null
  toStatus: string
  note?: string | null
  data?: Record<string, unknown> | null
  now: Date
}

// A line of an appointment's history, written only when the appointment exists and is as the
// change it records left it (same batch: the status it moved to, the instant it was written), so
// a refused or lost change leaves no history behind.
export function insertEventIfChanged(db: Db, event: AppointmentEvent, after: AppointmentAfter = {}) {
  return db.run(sql`
    insert into ${appointmentEvents} (id, appointment_id, actor_user_id, kind, from_status, to_status, note, data, created_at)
    select ${event.id}, ${event.appointmentId}, ${event.actorUserId}, ${event.kind}, ${event.fromStatus}, ${event.toStatus},
      ${event.note ?? null}, ${event.data ? JSON.stringify(event.data) : null}, ${event.now.getTime()}
    where ${appointmentChanged(event.appointmentId, after)}`)
}

type AppointmentAfter = { status?: AppointmentStatus; updatedAt?: Date }

/**
 * True (in SQL) when the appointment is as the change in the same batch left it (its status, the
 * instant it was written): the condition for what records or tells of that change.
 */
export function appointmentChanged(id: string, after: AppointmentAfter = {}): SQL {
  const condition = and(eq(appointments.id, id), after.status ? eq(appointments.status, after.status) : undefined, after.updatedAt ? eq(appointments.updatedAt, after.updatedAt) : undefined)
  return sql`exists (select 1 from ${appointments} where ${condition})`
}

// A visit waits for its outcome (completed or missed) this long after its end before it is listed.
export const OUTCOME_GRACE_MS = DAY_MS

/** Confirmed visits that ended over a day ago with no outcome recorded, oldest first. */
export function outcomeNeededStatement(db: Db, owner: SQL, now: Date, limit = 20) {
  return appointmentSelect(db)
    .where(and(owner, eq(appointments.status, 'confirmed'), lt(appointments.endAt, new Date(now.getTime() - OUTCOME_GRACE_MS))))
    .orderBy(asc(appointments.startAt))
    .limit(limit)
}

// A doctor's appointments that overlap [from, to), in time order, whatever their status.
export function appointmentsBetween(db: Db, owner: SQL, from: Date, to: Date) {
  return appointmentSelect(db)
    .where(and(owner, lt(appointments.startAt, to), gt(appointments.endAt, from)))
    .orderBy(asc(appointments.startAt))
    .limit(500)
}

// The doctor being booked, if patients may book them.
export function bookingDoctorStatement(db: Db, doctorId: string) {
  return db
    .select({ id: doctors.id, userId: doctors.userId, name: users.name, email: users.email, specialty: specialties.name, practiceAddress: doctors.practiceAddress, city: doctors.city, clinicId: doctors.clinicId, feeCents: doctors.feeCents, currency: doctors.currency, chargeUpFront: doctors.chargeUpFront, intakeSymptoms: specialties.intakeSymptoms, intakeRedFlags: specialties.intakeRedFlags })
    .from(doctors)
    .innerJoin(users, eq(users.id, doctors.userId))
    .innerJoin(specialties, eq(specialties.id, doctors.specialtyId))
    .where(and(eq(doctors.id, doctorId), bookableDoctorCondition()))
}

export function consultationTypesStatement(db: Db, doctorId: string) {
  return db.select().from(doctorConsultationTypes).where(eq(doctorConsultationTypes.doctorId, doctorId))
}

export function idempotencyKeyStatement(db: Db, userId: string, key: string) {
  return db
    .select({ requestHash: idempotencyKeys.requestHash, resultId: idempotencyKeys.resultId, expiresAt: idempotencyKeys.expiresAt })
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, userId), eq(idempotencyKeys.key, key)))
}

export type NewAppointment = {
  id: string
  patientId: string
  doctorId: string
  startAt: Date
  endAt: Date
  type: string
  reason: string
  status: string
  respondBy: Date | null
  paymentDueBy: Date | null
  patientTimezone: string | null
  now: Date
  // A red flag in the intake questionnaire.
  urgent?: boolean
  // An occurrence of a recurring series.
  seriesId?: string
  // The open offer taking its own held slot (the hold blocks everyone else).
  offerId?: string
}

// The booking itself, atomic in one statement: it inserts only if the slot is free (the one
// condition availability owns). Two requests for one slot cannot both pass (SQLite runs writes
// one at a time), and the partial unique index on (doctor, start) backs it up.
export function insertAppointmentIfFree(
  db: Db,
  row: NewAppointment,
  bufferMinutes: number,
) {
  const free = slotIsFree({ doctorId: row.doctorId, startAt: row.startAt, endAt: row.endAt, bufferMinutes, now: row.now, offer: row.offerId })
  return db.run(sql`
    insert into ${appointments} (id, patient_id, doctor_id, start_at, end_at, type, reason, status, respond_by, payment_due_by, patient_timezone, urgent, series_id, created_at, updated_at)
    select ${row.id}, ${row.patientId}, ${row.doctorId}, ${row.startAt.getTime()}, ${row.endAt.getTime()}, ${row.type}, ${row.reason}, ${row.status},
      ${row.respondBy?.getTime() ?? null}, ${row.paymentDueBy?.getTime() ?? null}, ${row.patientTimezone}, ${row.urgent ? 1 : 0}, ${row.seriesId ?? null}, ${row.now.getTime()}, ${row.now.getTime()}
    where ${free}`)
}

/** A held appointment's payment, owed from our own prices; written only if the hold was. */
export function insertHoldPaymentStatement(db: Db, row: { id: string; appointmentId: string; patientId: string; doctorId: string; amountCents: number; currency: string; provider: 'stripe' | 'local'; now: Date }) {
  return db.run(sql`
    insert into ${payments} (id, appointment_id, patient_id, doctor_id, amount_cents, refunded_cents, currency, status, provider, created_at, updated_at)
    select ${row.id}, ${row.appointmentId}, ${row.patientId}, ${row.doctorId}, ${row.amountCents}, 0, ${row.currency}, 'pending', ${row.provider}, ${row.now.getTime()}, ${row.now.getTime()}
    where exists (select 1 from ${appointments} where id = ${row.appointmentId})`)
}

// What a booking with an Idempotency-Key produced (the appointment) and a hash of the request,
// recorded only if that appointment was written in the same batch.
// The request an idempotency record answers for: booking, whichever door (page or API) was used.
const BOOKING_REQUEST = { method: 'POST', path: '/api/v1/appointments' }

export function insertIdempotencyKeyIfBooked(
  db: Db,
  entry: { userId: string; key: string; requestHash: string; appointmentId: string; now: Date; expiresAt: Date },
) {
  return db.run(sql`
    insert into ${idempotencyKeys} (user_id, key, method, path, request_hash, result_id, created_at, expires_at)
    select ${entry.userId}, ${entry.key}, ${BOOKING_REQUEST.method}, ${BOOKING_REQUEST.path}, ${entry.requestHash}, ${entry.appointmentId}, ${entry.now.getTime()}, ${entry.expiresAt.getTime()}
    where exists (select 1 from ${appointments} where id = ${entry.appointmentId})`)
}

// A new time for a live appointment, written only if the new slot is free (ignoring the
// appointment's own current time).
export function moveAppointmentIfFree(db: Db, move: { id: string; doctorId: string; startAt: Date; endAt: Date; bufferMinutes: number; now: Date }) {
  return db
    .update(appointments)
    // A new time is reminded of anew.
    .set({ startAt: move.startAt, endAt: move.endAt, updatedAt: move.now, reminder24hSentAt: null, reminder1hSentAt: null })
    .where(
      and(
        eq(appointments.id, move.id),
        inArray(appointments.status, [...LIVE_APPOINTMENT_STATUSES]),
        slotIsFree({ doctorId: move.doctorId, startAt: move.startAt, endAt: move.endAt, bufferMinutes: move.bufferMinutes, now: move.now, ignoring: move.id }),
      ),
    )
    .returning({ id: appointments.id })
}

// A change of status, written only if the status is still the one that was read.
export function updateStatusIfUnchanged(db: Db, change: { id: string; from: AppointmentStatus; to: AppointmentStatus; reason: string | null; now: Date }) {
  return db
    .update(appointments)
    .set({ status: change.to, statusReason: change.reason, updatedAt: change.now })
    .where(and(eq(appointments.id, change.id), eq(appointments.status, change.from)))
    .returning({ id: appointments.id })
}


export function doctorZoneStatement(db: Db, doctorId: string) {
  return db.select({ timezone: availabilitySettings.timezone }).from(availabilitySettings).where(eq(availabilitySettings.doctorId, doctorId))
}

// Confirmed appointments of a user (as patient or as doctor) around now: the calls they may be in.
export function userCallsStatement(db: Db, userId: string, now: Date) {
  const around = { from: new Date(now.getTime() - DAY_MS), to: new Date(now.getTime() + DAY_MS) }
  return db
    .select({ id: appointments.id })
    .from(appointments)
    .where(
      and(
        eq(appointments.status, 'confirmed'),
        sql`(${appointments.patientId} = ${userId} or ${appointments.doctorId} in (select id from ${doctors} where user_id = ${userId}))`,
        lt(appointments.startAt, around.to),
        gt(appointments.endAt, around.from),
      ),
    )
}

// The admins' table: matching appointments in the chosen order, after a keyset position.
export function adminAppointmentsStatement(db: Db, actor: Actor, query: AdminAppointmentsQuery, after: KeysetPosition | undefined, limit: number) {
  const column = query.sort === 'created' ? appointments.createdAt : appointments.startAt
  const pattern = query.q ? containsPattern(query.q) : undefined
  const matching = and(
    pattern
      ? or(eq(appointments.id, query.q!), sql`lower(${patientUser.name}) like ${pattern} escape '\\'`, sql`lower(${doctorUser.name}) like ${pattern} escape '\\'`)
      : undefined,
    query.status ? eq(appointments.status, query.status) : undefined,
    query.doctor ? eq(appointments.doctorId, query.doctor) : undefined,
    query.specialty ? eq(doctors.specialtyId, query.specialty) : undefined,
    query.type ? eq(appointments.type, query.type) : undefined,
    query.clinic ? doctorOfClinic(query.clinic, appointments.doctorId) : undefined,
    withinDays(appointments.startAt, query.from, query.to),
    ownedByAdmin(actor),
  )
  const position = after ? { v: new Date(Number(after.v)), id: after.id } : undefined
  return appointmentSelect(db)
    .where(and(matching, keysetAfter(column, appointments.id, query.dir, position)))
    .orderBy(...keysetOrder(column, appointments.id, query.dir))
    .limit(limit)
}

/** What settling a paid hold needs of the doctor's schedule: whether they confirm at once, and their buffer. */
export const bookingRulesStatement = (db: Db, doctorId: string) =>
  db.select({ autoConfirm: availabilitySettings.autoConfirm, bufferMinutes: availabilitySettings.bufferMinutes }).from(availabilitySettings).where(eq(availabilitySettings.doctorId, doctorId))

/**
 * A paid hold becomes the booking: confirmed or a request as the doctor works, no longer held.
 * Also a hold that expired (its reason says so) whose time is still free: the payment came late
 * but nobody took the slot. Written only from those states; no row otherwise.
 */
export function bookPaidHoldStatement(db: Db, hold: { id: string; doctorId: string; startAt: Date; endAt: Date }, change: { status: 'pending' | 'confirmed'; respondBy: Date | null; bufferMinutes: number; expiredReason: string; now: Date }) {
  const stillHeld = and(eq(appointments.status, 'pending'), sql`${appointments.paymentDueBy} is not null`)
  const expiredButFree = and(eq(appointments.status, 'cancelled'), eq(appointments.statusReason, change.expiredReason), slotIsFree({ doctorId: hold.doctorId, startAt: hold.startAt, endAt: hold.endAt, bufferMinutes: change.bufferMinutes, now: change.now, ignoring: hold.id }))
  return db
    .update(appointments)
    .set({ status: change.status, paymentDueBy: null, statusReason: null, respondBy: change.respondBy, updatedAt: change.now })
    .where(and(eq(appointments.id, hold.id), or(stillHeld, expiredButFree)))
    .returning({ id: appointments.id })
}

/**
 * What a cancellation does to the visit's payment, in its batch and only if it took place
 * (`happened`): a payment still owed (a hold) is dropped; a payment made is refunded in full —
 * its refund written at once without Stripe, or left pending for the payments job to send
 * through Stripe's Refunds API (done when Stripe's charge.refunded says so).
 */
export function paymentOnCancelStatements(db: Db, appointmentId: string, happened: SQL, refund: { id: string; percent: number; viaStripe: boolean; now: Date }) {
  const paid = and(eq(payments.appointmentId, appointmentId), inArray(payments.status, ['succeeded', 'partially_refunded']), happened)
  // The share of what is left to refund, in whole minor units.
  const share = sql`cast(round((${payments.amountCents} - ${payments.refundedCents}) * ${refund.percent} / 100.0) as integer)`
  const reason = refund.percent === 100 ? 'The visit was cancelled.' : `The visit was cancelled at the patient’s request after the cancellation notice: ${refund.percent} % refunded.`
  return [
    db.update(payments).set({ status: 'failed', updatedAt: refund.now }).where(and(eq(payments.appointmentId, appointmentId), eq(payments.status, 'pending'), happened)),
    db.run(sql`insert into ${refunds} (id, payment_id, amount_cents, reason, status, created_at)
      select ${refund.id}, ${payments.id}, ${share}, ${reason}, ${refund.viaStripe ? 'pending' : 'succeeded'}, ${refund.now.getTime()}
      from ${payments} where ${paid} and ${share} > 0 limit 1`),
    ...(refund.viaStripe
      ? []
      : [
          db
            .update(payments)
            .set({ status: sql`case when ${payments.refundedCents} + ${share} >= ${payments.amountCents} then 'refunded' else 'partially_refunded' end`, refundedCents: sql`${payments.refundedCents} + ${share}`, updatedAt: refund.now })
            .where(and(paid, sql`${share} > 0`)),
          ...receiptNumberStatements(db, { kind: 'refunds', id: refund.id }, refund.now),
        ]),
  ]
}

/** The day around which the doctor proposed a follow-up from this visit. */
export function followUpStatement(db: Db, id: string, day: string, now: Date) {
  return db.update(appointments).set({ followUpOn: day, updatedAt: now }).where(eq(appointments.id, id))
}
