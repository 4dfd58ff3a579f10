import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { expireUnansweredRequests, EXPIRED_REASON, NO_SHOW_REASON, recordUnattendedVisits } from '../../src/features/appointments/service/jobs'
import { testDb } from '../helpers/db'
import { createAppointment, createAvailability, createDoctor, createUser } from '../helpers/factories'
import { callApi } from '../helpers/http'
import { cookieFor, tokenFor } from '../helpers/auth'
import { fetchApp } from '../helpers/http'
import { jobContext } from '../helpers/jobs'

const HOUR = 3_600_000
const tomorrow = () => new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)

const rowOf = async (id: string) => (await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, id)))[0]!
const eventsOf = (id: string) => testDb().select().from(schema.appointmentEvents).where(eq(schema.appointmentEvents.appointmentId, id))
const noticesOf = (userId: string) => testDb().select().from(schema.notifications).where(eq(schema.notifications.userId, userId))

describe('unanswered requests', () => {
  it('are declined by the system once, even by three runs at once; the patient is told with other times, and the time is free again', async () => {
    const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Slow' })
    await createAvailability(doctor.id, { autoConfirm: false })
    const patient = await createUser({ role: 'patient', name: 'Ada Waiting' })
    const start = `${tomorrow()}T10:00:00Z`
    const booked = await callApi(await tokenFor(patient), '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start, type: 'video', reason: 'A rash' })
    expect(booked.status).toBe(201)
    const id = ((await booked.json()) as { appointment: { id: string; status: string } }).appointment.id
    const request = await rowOf(id)
    expect(request.status).toBe('pending')
    // Answer within 24 hours of booking and at least 2 hours before the start, whichever is first.
    expect(request.respondBy!.getTime()).toBe(Math.min(request.createdAt.getTime() + 24 * HOUR, new Date(start).getTime() - 2 * HOUR))

    // Time passes without an answer.
    await testDb().update(schema.appointments).set({ respondBy: new Date(Date.now() - 60_000) }).where(eq(schema.appointments.id, id))
    const now = new Date()
    const runs = await Promise.all([1, 2, 3].map(() => expireUnansweredRequests(jobContext(now))))
    expect(runs.reduce((sum, r) => sum + r.expired, 0)).toBe(1)

    const expired = await rowOf(id)
    expect([expired.status, expired.statusReason]).toEqual(['rejected', EXPIRED_REASON])
    const events = await eventsOf(id)
    expect(events.filter((e) => e.toStatus === 'rejected')).toMatchObject([{ actorUserId: null, fromStatus: 'pending' }])
    const [told] = (await noticesOf(patient.id)).filter((n) => n.kind === 'appointment_changed')
    expect(told).toMatchObject({ title: 'Appointment request declined: Dr. Slow', link: `/appointments/${id}` })
    expect((await noticesOf(doctorUser.id)).filter((n) => n.title.startsWith('Request expired'))).toHaveLength(1)
    const [email] = await testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, patient.email), eq(schema.emailOutbox.subject, 'Appointment request declined: Dr. Slow')))
    expect(email!.textBody).toContain("Dr. Slow's nearest free times:")
    expect(email!.textBody).toContain(`/doctors/${doctor.id}`)

    // The time is free for anyone again.
    const other = await createUser({ role: 'patient' })
    expect((await callApi(await tokenFor(other), '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start, type: 'video', reason: 'Cough' })).status).toBe(201)
  })
})

describe('visits without an outcome', () => {
  async function pastVisit(endedHoursAgo: number, joined: ('doctor' | 'patient')[]) {
    const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Waited' })
    const patient = await createUser({ role: 'patient' })
    const startAt = new Date(Date.now() - (endedHoursAgo * HOUR + 30 * 60_000))
    const appointment = await createAppointment(doctor.id, patient.id, { startAt })
    for (const who of joined) {
      await testDb()
        .insert(schema.appointmentEvents)
        .values({ appointmentId: appointment.id, actorUserId: who === 'doctor' ? doctorUser.id : patient.id, kind: 'call_joined', createdAt: startAt })
    }
    return { appointment, doctorUser, patient }
  }

  it('are marked missed by the system after 72 hours only when the doctor joined and the patient never did; nothing else changes', async () => {
    const absent = await pastVisit(73, ['doctor'])
    const both = await pastVisit(73, ['doctor', 'patient'])
    const nobody = await pastVisit(73, [])
    const recent = await pastVisit(50, ['doctor'])
    const now = new Date()
    await Promise.all([1, 2, 3].map(() => recordUnattendedVisits(jobContext(now))))

    expect((await rowOf(absent.appointment.id)).status).toBe('no_show')
    expect((await eventsOf(absent.appointment.id)).filter((e) => e.toStatus === 'no_show')).toMatchObject([{ actorUserId: null, note: NO_SHOW_REASON }])
    const [audit] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, absent.appointment.id), eq(schema.auditLog.action, 'appointment.no_show')))
    expect(audit).toMatchObject({ actorUserId: null, actorRole: 'system', subjectUserId: absent.patient.id })
    expect((await noticesOf(absent.patient.id)).map((n) => n.title)).toEqual(['Appointment missed: Dr. Waited'])
    for (const left of [both, nobody, recent]) expect((await rowOf(left.appointment.id)).status).toBe('confirmed')
  })

  it('are listed for their doctor as needing an outcome a day after they ended', async () => {
    const waiting = await pastVisit(25, [])
    const fresh = await pastVisit(2, [])
    const html = await (await fetchApp('/doctor', { headers: { cookie: await cookieFor(waiting.doctorUser) } })).text()
    expect(html).toContain('Outcome needed')
    expect(html).toContain(`/appointments/${waiting.appointment.id}`)
    const freshHtml = await (await fetchApp('/doctor', { headers: { cookie: await cookieFor(fresh.doctorUser) } })).text()
    expect(freshHtml).not.toContain('Outcome needed')
  })
})
