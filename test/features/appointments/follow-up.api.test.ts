import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, tokenFor } from '../../helpers/auth'

const DAY = 86_400_000

describe('follow-ups and booking again', () => {
  it('lets the visit’s doctor propose a follow-up; the patient gets a link to the slot picker around that day', async () => {
    const { doctor, user } = await createDoctor()
    await createAvailability(doctor.id)
    const patient = await createUser({ role: 'patient' })
    const visit = await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() - 2 * DAY), status: 'completed' })
    const doctorToken = await tokenFor(user)
    expect((await callApi(doctorToken, `/api/v1/appointments/${visit.id}/follow-up`, 'POST', { in: 0 })).status).toBe(400)
    expect((await callApi(doctorToken, `/api/v1/appointments/${visit.id}/follow-up`, 'POST', { in: 60, unit: 'weeks' })).status).toBe(400)
    expect((await callApi(await tokenFor(patient), `/api/v1/appointments/${visit.id}/follow-up`, 'POST', { in: 2, unit: 'weeks' })).status).toBe(403)
    const res = await callApi(doctorToken, `/api/v1/appointments/${visit.id}/follow-up`, 'POST', { in: 2, unit: 'weeks' })
    expect(res.status).toBe(200)
    const expected = new Date(Date.now() + 14 * DAY).toISOString().slice(0, 10)
    expect(((await res.json()) as { appointment: { follow_up_on: string } }).appointment.follow_up_on).toBe(expected)

    const [notice] = await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.kind, 'offer')))
    expect(notice!.link).toBe(`/doctors/${doctor.id}?from=${expected}`)
    const [email] = await testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, patient.email), eq(schema.emailOutbox.tag, 'follow-up')))
    expect(email!.textBody).toContain(`/doctors/${doctor.id}?from=${expected}`)

    const page = await (await fetchApp(`/appointments/${visit.id}`, asBrowser(await cookieFor(patient)))).text()
    expect(page).toContain('suggests a follow-up visit around')
    expect(page).toContain(`href="/doctors/${doctor.id}?from=${expected}"`)
    expect(page).toContain('Review this visit')
    expect(page).toContain('Book again')
  })

  it('offers Book again on cancelled appointments, not on ones still to come', async () => {
    const { doctor } = await createDoctor()
    const patient = await createUser({ role: 'patient' })
    const cookie = await cookieFor(patient)
    const cancelled = await createAppointment(doctor.id, patient.id, { status: 'cancelled' })
    const upcoming = await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() + 5 * DAY) })
    expect(await (await fetchApp(`/appointments/${cancelled.id}`, asBrowser(cookie))).text()).toContain('Book again')
    expect(await (await fetchApp(`/appointments/${upcoming.id}`, asBrowser(cookie))).text()).not.toContain('Book again')
  })
})
