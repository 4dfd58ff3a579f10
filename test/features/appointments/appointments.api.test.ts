import { describe, expect, it } from 'vitest'
import { desc, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import type { AppointmentStatus } from '../../../src/db/schema/enums'
import { testDb } from '../../helpers/db'
import { clinicAdminOf, createAvailability, createClinicAdmin, createDoctor, createUser } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { latestEmailTo, tokenFor } from '../../helpers/auth'

type Body = { appointment: { id: string; status: string; start: string; reason: string | null }; error?: { code: string } }
const DAY = 86_400_000
const futureDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

async function setting() {
  const { doctor, user: doctorUser } = await createDoctor()
  await createAvailability(doctor.id)
  const patient = await createUser({ role: 'patient' })
  return { doctor, doctorUser, patient }
}

async function appointmentAt(doctorId: string, patientId: string, start: string, status: AppointmentStatus = 'confirmed') {
  const startAt = new Date(start)
  const [row] = await testDb()
    .insert(schema.appointments)
    .values({ doctorId, patientId, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Private reason', status })
    .returning()
  return row!
}

const call = callApi

describe('reading appointments', () => {
  it('shows an appointment to its patient, its doctor and admins, and 404 to everyone else', async () => {
    const { doctor, doctorUser, patient } = await setting()
    const appt = await appointmentAt(doctor.id, patient.id, `${futureDay(5)}T09:00:00Z`)
    const other = await setting()
    const cases: [string, number][] = [
      [await tokenFor(patient), 200],
      [await tokenFor(doctorUser), 200],
      [await tokenFor(await clinicAdminOf(doctor.id)), 200],
      [await tokenFor(await createClinicAdmin()), 404],
      [await tokenFor(other.patient), 404],
      [await tokenFor(other.doctorUser), 404],
    ]
    for (const [token, status] of cases) expect((await call(token, `/api/v1/appointments/${appt.id}`)).status).toBe(status)
  })

  it('hides the reason from support admins', async () => {
    const { doctor, patient } = await setting()
    const appt = await appointmentAt(doctor.id, patient.id, `${futureDay(5)}T09:30:00Z`)
    const support = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const body = (await (await call(support, `/api/v1/appointments/${appt.id}`)).json()) as Body
    expect(body.appointment.reason).toBeNull()
  })

  it('lists only the caller’s own appointments', async () => {
    const { doctor, patient } = await setting()
    const mine = await appointmentAt(doctor.id, patient.id, `${futureDay(6)}T09:00:00Z`)
    const other = await setting()
    await appointmentAt(other.doctor.id, other.patient.id, `${futureDay(6)}T09:00:00Z`)
    const body = (await (await call(await tokenFor(patient), '/api/v1/appointments?scope=upcoming')).json()) as { items: { id: string }[] }
    expect(body.items.map((a) => a.id)).toEqual([mine.id])
  })
})

describe('the appointment state machine', () => {
  const cases: [string, AppointmentStatus, 'patient' | 'doctor', number, string][] = [
    ['confirm', 'pending', 'doctor', 200, 'confirmed'],
    ['confirm', 'confirmed', 'doctor', 409, 'invalid_transition'],
    ['confirm', 'pending', 'patient', 403, 'forbidden'],
    ['reject', 'pending', 'doctor', 200, 'rejected'],
    ['cancel', 'confirmed', 'patient', 200, 'cancelled'],
    ['cancel', 'pending', 'doctor', 200, 'cancelled'],
    ['cancel', 'completed', 'patient', 409, 'invalid_transition'],
    ['complete', 'confirmed', 'doctor', 200, 'completed'],
    ['complete', 'pending', 'doctor', 409, 'invalid_transition'],
    ['complete', 'confirmed', 'patient', 403, 'forbidden'],
    ['no-show', 'confirmed', 'doctor', 409, 'invalid_transition'],
  ]
  it.each(cases)('%s from %s by the %s answers %i (%s)', async (action, from, who, status, outcome) => {
    const { doctor, doctorUser, patient } = await setting()
    const appt = await appointmentAt(doctor.id, patient.id, `${futureDay(8)}T10:00:00Z`, from)
    const token = await tokenFor(who === 'doctor' ? doctorUser : patient)
    const res = await call(token, `/api/v1/appointments/${appt.id}/${action}`, 'POST', action === 'reject' ? { reason: 'Not my field' } : undefined)
    expect(res.status).toBe(status)
    const body = (await res.json()) as Body
    expect(status === 200 ? body.appointment.status : body.error!.code).toBe(outcome)
  })

  it('records a no-show only after the start', async () => {
    const { doctor, doctorUser, patient } = await setting()
    const past = await appointmentAt(doctor.id, patient.id, new Date(Date.now() - 2 * 3_600_000).toISOString())
    const res = await call(await tokenFor(doctorUser), `/api/v1/appointments/${past.id}/no-show`, 'POST')
    expect(((await res.json()) as Body).appointment.status).toBe('no_show')
  })

  it('refuses a patient’s late cancellation with 409 policy_violation', async () => {
    const { doctor, patient } = await setting()
    const soon = await appointmentAt(doctor.id, patient.id, new Date(Date.now() + 3 * 3_600_000).toISOString())
    const res = await call(await tokenFor(patient), `/api/v1/appointments/${soon.id}/cancel`, 'POST')
    expect(res.status).toBe(409)
    expect(((await res.json()) as Body).error!.code).toBe('policy_violation')
  })
})

describe('rescheduling', () => {
  it('moves an appointment to a free slot and refuses a taken one', async () => {
    const { doctor, patient } = await setting()
    const day = futureDay(9)
    const appt = await appointmentAt(doctor.id, patient.id, `${day}T09:00:00Z`)
    await appointmentAt(doctor.id, (await createUser()).id, `${day}T10:00:00Z`)
    const token = await tokenFor(patient)
    const taken = await call(token, `/api/v1/appointments/${appt.id}/reschedule`, 'POST', { start: `${day}T10:00:00Z` })
    expect(taken.status).toBe(409)
    expect(((await taken.json()) as Body).error!.code).toBe('slot_unavailable')
    const moved = await call(token, `/api/v1/appointments/${appt.id}/reschedule`, 'POST', { start: `${day}T11:00:00Z` })
    expect(moved.status).toBe(200)
    expect(((await moved.json()) as Body).appointment.start).toBe(`${day}T11:00:00Z`)
  })

  it('answers 404 to someone who is not a party to the appointment', async () => {
    const { doctor, patient } = await setting()
    const appt = await appointmentAt(doctor.id, patient.id, `${futureDay(9)}T09:30:00Z`)
    const stranger = await tokenFor(await createUser())
    expect((await call(stranger, `/api/v1/appointments/${appt.id}/reschedule`, 'POST', { start: `${futureDay(9)}T11:30:00Z` })).status).toBe(404)
    expect((await call(stranger, `/api/v1/appointments/${appt.id}/cancel`, 'POST')).status).toBe(404)
  })
})

describe('calendar files and emails', () => {
  it('serves the .ics to the parties and 404 to anyone else', async () => {
    const { doctor, doctorUser, patient } = await setting()
    const appt = await appointmentAt(doctor.id, patient.id, `${futureDay(6)}T10:00:00Z`)
    const res = await call(await tokenFor(patient), `/api/v1/appointments/${appt.id}/calendar.ics`)
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/calendar/)
    const ics = await res.text()
    expect(ics).toContain(`DTSTART:${futureDay(6).replace(/-/g, '')}T100000Z`)
    expect(ics).toContain('STATUS:CONFIRMED')
    expect(ics.split('\r\n').every((line) => new TextEncoder().encode(line).length <= 75)).toBe(true)
    expect((await call(await tokenFor(doctorUser), `/api/v1/appointments/${appt.id}/calendar.ics`)).status).toBe(200)
    expect((await call(await tokenFor(await createUser()), `/api/v1/appointments/${appt.id}/calendar.ics`)).status).toBe(404)
  })

  it('emails the patient a confirmation with the calendar file and the doctor the news when booked', async () => {
    const { doctor, doctorUser, patient } = await setting()
    const start = `${futureDay(7)}T09:00:00Z`
    const res = await call(await tokenFor(patient), '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start, type: 'video', reason: 'Persistent cough' })
    expect(res.status).toBe(201)
    const toPatient = await latestEmailTo(patient.email)
    expect(toPatient!.subject).toMatch(/confirmed/)
    expect(toPatient!.attachments).toEqual([expect.objectContaining({ name: 'appointment.ics', contentType: expect.stringMatching(/^text\/calendar/) })])
    // An email is not a safe place for medical details: it says there is something to read.
    const toDoctor = await latestEmailTo(doctorUser.email)
    for (const part of [toDoctor!.subject, toDoctor!.textBody, toDoctor!.htmlBody ?? '']) expect(part).not.toContain('Persistent cough')
    expect(toDoctor!.textBody).toContain('/appointments/')
    expect(toDoctor!.textBody).toMatch(/reason .* on the appointment page/i)
  })

  it('tells the other party of a cancellation, and that the reason is on the appointment page', async () => {
    const { doctor, doctorUser, patient } = await setting()
    const appt = await appointmentAt(doctor.id, patient.id, `${futureDay(8)}T11:00:00Z`)
    const res = await call(await tokenFor(doctorUser), `/api/v1/appointments/${appt.id}/cancel`, 'POST', { reason: 'Called away to surgery' })
    expect(res.status).toBe(200)
    const email = await latestEmailTo(patient.email)
    expect(email!.subject).toMatch(/cancelled/i)
    expect(email!.textBody).not.toContain('Called away to surgery')
    expect(email!.textBody).toMatch(/reason .* on the appointment page/i)
    expect(await latestEmailTo(doctorUser.email)).toBeUndefined()
  })
})

// Clinic and super admins run the calendar; support admins help people and may cancel only
// with a reason, which is kept with the change.
describe('admins changing appointments', () => {
  it('lets a clinic admin cancel, and a support admin only with a reason that is recorded', async () => {
    const { doctor, patient } = await setting()
    const first = await appointmentAt(doctor.id, patient.id, `${futureDay(6)}T10:00:00Z`)
    const clinic = await tokenFor(await clinicAdminOf(doctor.id))
    expect((await call(clinic, `/api/v1/appointments/${first.id}/cancel`, 'POST')).status).toBe(200)

    const second = await appointmentAt(doctor.id, patient.id, `${futureDay(6)}T11:00:00Z`)
    const support = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const bare = await call(support, `/api/v1/appointments/${second.id}/cancel`, 'POST')
    expect(bare.status).toBe(400)
    expect(((await bare.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('reason')
    const stillThere = await call(support, `/api/v1/appointments/${second.id}`)
    expect(((await stillThere.json()) as Body).appointment.status).toBe('confirmed')

    const withReason = await call(support, `/api/v1/appointments/${second.id}/cancel`, 'POST', { reason: 'Patient phoned: cannot attend' })
    expect(withReason.status).toBe(200)
    const [event] = await testDb().select().from(schema.appointmentEvents).where(eq(schema.appointmentEvents.appointmentId, second.id)).orderBy(desc(schema.appointmentEvents.createdAt)).limit(1)
    expect([event!.toStatus, event!.note]).toEqual(['cancelled', 'Patient phoned: cannot attend'])
  })

  it('lets a clinic admin move an appointment on someone’s behalf and record a missed visit with a note; support does neither', async () => {
    const { doctor, patient } = await setting()
    const day = futureDay(7)
    const appt = await appointmentAt(doctor.id, patient.id, `${day}T10:00:00Z`)
    const support = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const clinic = await tokenFor(await clinicAdminOf(doctor.id))
    expect((await call(support, `/api/v1/appointments/${appt.id}/reschedule`, 'POST', { start: `${day}T11:00:00Z` })).status).toBe(403)
    const moved = await call(clinic, `/api/v1/appointments/${appt.id}/reschedule`, 'POST', { start: `${day}T11:00:00Z` })
    expect(moved.status).toBe(200)
    expect(((await moved.json()) as Body).appointment.start).toBe(`${day}T11:00:00Z`)

    const past = await appointmentAt(doctor.id, patient.id, new Date(Date.now() - 2 * 3_600_000).toISOString())
    expect((await call(support, `/api/v1/appointments/${past.id}/no-show`, 'POST', { reason: 'Never came' })).status).toBe(403)
    expect((await call(clinic, `/api/v1/appointments/${past.id}/no-show`, 'POST')).status).toBe(400)
    const missed = await call(clinic, `/api/v1/appointments/${past.id}/no-show`, 'POST', { reason: 'The patient never joined; phoned, no answer' })
    expect(((await missed.json()) as Body).appointment.status).toBe('no_show')
  })
})
