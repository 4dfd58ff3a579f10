import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, latestEmailTo, postForm, tokenFor } from '../../helpers/auth'

const DAY = 86_400_000
const dayAhead = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

// A doctor (in UTC) with a confirmed visit at 10:00 five days ahead.
async function doctorWithVisit() {
  const { doctor, user } = await createDoctor({}, { name: 'Dr. Away' })
  await createAvailability(doctor.id, { timezone: 'UTC' })
  const patient = await createUser({ name: 'Pat Booked' })
  const day = dayAhead(5)
  const appointment = await createAppointment(doctor.id, patient.id, { startAt: new Date(`${day}T10:00:00Z`) })
  return { doctor, patient, appointment, day, cookie: await cookieFor(user), token: await tokenFor(user) }
}

const statusOf = async (id: string) => (await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, id)))[0]!.status
const timeOffOf = (doctorId: string) => testDb().select().from(schema.timeOff).where(eq(schema.timeOff.doctorId, doctorId))

describe('time off over booked visits', () => {
  it('shows the doctor the appointments it covers first, and adds nothing until they choose', async () => {
    const { doctor, appointment, day, cookie } = await doctorWithVisit()
    const res = await postForm('/doctor/time-off', cookie, { start: day, end: day, reason: 'Conference' })
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('This time off covers 1 booked appointment')
    expect(html).toContain(`href="/appointments/${appointment.id}"`)
    expect(html).toContain('Pat Booked')
    expect(html).toContain('name="overlapping" value="cancel"')
    expect(html).toContain(`<input type="hidden" name="start" value="${day}"/>`)
    expect(await timeOffOf(doctor.id)).toEqual([])
    expect(await statusOf(appointment.id)).toBe('confirmed')
  })

  it('keeps them when the doctor says so', async () => {
    const { doctor, appointment, day, cookie } = await doctorWithVisit()
    const res = await postForm('/doctor/time-off', cookie, { start: day, end: day, overlapping: 'keep' })
    expect(res.headers.get('location')).toBe('/doctor/time-off?done=kept')
    expect(await timeOffOf(doctor.id)).toHaveLength(1)
    expect(await statusOf(appointment.id)).toBe('confirmed')
  })

  it('cancels them when the doctor says so, and tells each patient with a link to choose another time', async () => {
    const { doctor, patient, appointment, day, cookie } = await doctorWithVisit()
    const res = await postForm('/doctor/time-off', cookie, { start: day, end: day, reason: 'Private note', overlapping: 'cancel' })
    expect(res.headers.get('location')).toBe('/doctor/time-off?done=cancelled')
    expect(await statusOf(appointment.id)).toBe('cancelled')
    const mail = await latestEmailTo(patient.email)
    expect(mail!.subject).toContain('Appointment cancelled')
    expect(mail!.textBody).toContain(`Choose another time with Dr. Away: `)
    expect(mail!.textBody).toContain(`/doctors/${doctor.id}`)
    // The doctor's note about the time off stays theirs.
    expect(mail!.textBody).not.toContain('Private note')
    const [row] = await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appointment.id))
    expect(row!.statusReason).not.toContain('Private note')
    const page = await (await fetchApp('/doctor/time-off?done=cancelled', asBrowser(cookie))).text()
    expect(page).toContain('each patient was told and offered another time')
  })

  it('shows whole days off as dates', async () => {
    const { cookie } = await doctorWithVisit()
    const year = new Date().getUTCFullYear() + 1
    expect((await postForm('/doctor/time-off', cookie, { start: `${year}-03-10`, end: `${year}-03-12` })).status).toBe(303)
    expect((await postForm('/doctor/time-off', cookie, { start: `${year}-04-30`, end: `${year}-05-02` })).status).toBe(303)
    const page = await (await fetchApp('/doctor/time-off', asBrowser(cookie))).text()
    expect(page).toContain(`10–12 March ${year}`)
    expect(page).toContain(`30 April – 2 May ${year}`)
    expect(page).not.toContain('12:00 AM')
  })

  it('keeps them through the API unless asked to cancel, and names them either way', async () => {
    const kept = await doctorWithVisit()
    const res = await callApi(kept.token, '/api/v1/doctor/time-off', 'POST', { start: kept.day, end: kept.day })
    expect(res.status).toBe(201)
    expect(await res.json()).toMatchObject({ overlapping_appointment_ids: [kept.appointment.id], cancelled_appointment_ids: [] })
    expect(await statusOf(kept.appointment.id)).toBe('confirmed')
    const cancelled = await doctorWithVisit()
    const res2 = await callApi(cancelled.token, '/api/v1/doctor/time-off', 'POST', { start: cancelled.day, end: cancelled.day, cancel_overlapping: true })
    expect(await res2.json()).toMatchObject({ cancelled_appointment_ids: [cancelled.appointment.id] })
    expect(await statusOf(cancelled.appointment.id)).toBe('cancelled')
  })
})
