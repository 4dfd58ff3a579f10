import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, latestEmailTo, postForm } from '../../helpers/auth'

const ADDRESS = 'Kastanienallee 40, 10119'
const MAP = 'https://www.openstreetmap.org/search?query=Kastanienallee%2040%2C%2010119%2C%20Berlin'

// A doctor in Berlin who sees patients in person (40 minutes) and by video (20), for €45.
async function inPersonDoctor() {
  const { doctor } = await createDoctor({ city: 'Berlin', practiceAddress: ADDRESS, feeCents: 4500, currency: 'EUR' }, { name: 'Dr. In Person' })
  await createAvailability(doctor.id, { timezone: 'UTC' })
  await testDb().insert(schema.doctorConsultationTypes).values([
    { doctorId: doctor.id, type: 'in_person', durationMinutes: 40 },
    { doctorId: doctor.id, type: 'video', durationMinutes: 20 },
  ])
  const start = `${new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)}T09:00:00Z`
  return { doctor, start }
}

describe('in-person visits', () => {
  it('show the practice address with a map link on the doctor’s page, and each way to meet with its length and fee, none chosen', async () => {
    const { doctor, start } = await inPersonDoctor()
    const page = await (await fetchApp(`/doctors/${doctor.id}`)).text()
    expect(page).toContain(`In person at</dt><dd>${ADDRESS}, Berlin · <a href="${MAP.replace(/&/g, '&amp;')}"`)
    const form = await (await fetchApp(`/doctors/${doctor.id}/book?start=${start}`, asBrowser(await cookieFor(await createUser())))).text()
    expect(form).toContain('In person · 40 minutes · €45.00')
    expect(form).toContain('Video call · 20 minutes · €45.00')
    expect(form).not.toMatch(/name="type" value="[a-z_]+" checked/)
  })

  it('carry the address into the appointment, its emails and its calendar file', async () => {
    const { doctor, start } = await inPersonDoctor()
    const patient = await createUser()
    const cookie = await cookieFor(patient)
    const booked = await postForm(`/doctors/${doctor.id}/book`, cookie, { start, type: 'in_person', reason: 'Knee pain', idempotency_key: `k-${crypto.randomUUID()}` })
    expect(booked.status).toBe(303)
    const appointmentPage = await (await fetchApp(booked.headers.get('location')!, asBrowser(cookie))).text()
    expect(appointmentPage).toContain(`<dt>Where</dt><dd>${ADDRESS}, Berlin · <a href="${MAP}"`)
    // No video call for a visit in person.
    expect(appointmentPage).not.toContain('Join video call')
    const mail = await latestEmailTo(patient.email)
    expect(mail!.textBody).toContain(`Where: ${ADDRESS}, Berlin (map: ${MAP})`)
    const id = booked.headers.get('location')!.split('/')[2]!.split('?')[0]!
    const ics = await (await fetchApp(`/appointments/${id}/calendar.ics`, asBrowser(cookie))).text()
    expect(ics).toContain('LOCATION:Kastanienallee 40\\, 10119\\, Berlin')
  })

  it('is refused without a type chosen', async () => {
    const { doctor, start } = await inPersonDoctor()
    const res = await postForm(`/doctors/${doctor.id}/book`, await cookieFor(await createUser()), { start, reason: 'Knee pain', idempotency_key: `k-${crypto.randomUUID()}` })
    expect(res.status).toBe(422)
  })
})
