import { describe, expect, it } from 'vitest'
import { createAppointment, createDoctor, createUser } from '../helpers/factories'
import { callApi, fetchApp, ORIGIN } from '../helpers/http'
import { cookieFor, tokenFor } from '../helpers/auth'
import { Client, upgrade } from '../helpers/websocket'

async function listen(token: string) {
  const res = await upgrade('/notifications/socket', { token })
  expect(res.status).toBe(101)
  const client = new Client(res.webSocket!)
  await client.next((f) => f.type === 'ready')
  return client
}

describe('the notification socket', () => {
  it('tells every open page of the person at once when something is written for them, and nobody else', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const patient = await createUser({ role: 'patient' })
    const bystander = await createUser({ role: 'patient' })
    const appointment = await createAppointment(doctor.id, patient.id, { status: 'pending' })
    const patientToken = await tokenFor(patient)
    const [phone, laptop, other] = [await listen(patientToken), await listen(patientToken), await listen(await tokenFor(bystander))]

    expect((await callApi(await tokenFor(doctorUser), `/api/v1/appointments/${appointment.id}/confirm`, 'POST', {})).status).toBe(200)
    for (const page of [phone, laptop]) expect(await page.next((f) => f.type === 'changed')).toEqual({ type: 'changed', kinds: ['appointment_changed'] })
    // Reading one on the phone updates the laptop's bell too.
    expect((await callApi(patientToken, '/api/v1/notifications/read', 'POST', { all: true })).status).toBe(204)
    expect(await laptop.nth('changed', 2)).toEqual({ type: 'changed', kinds: ['read'] })
    expect(other.frames.filter((f) => f.type === 'changed')).toEqual([])
    for (const c of [phone, laptop, other]) c.close()
  })

  it('is only for a signed-in WebSocket upgrade from our pages, and closes (4003) when the session ends', async () => {
    const user = await createUser({ role: 'patient' })
    // Signed out, it is a page like any other: off to sign in.
    expect((await fetchApp('/notifications/socket', { headers: { upgrade: 'websocket' }, redirect: 'manual' })).status).toBe(303)
    expect((await fetchApp('/notifications/socket', { headers: { cookie: await cookieFor(user) } })).status).toBe(426)
    expect((await upgrade('/notifications/socket', { cookie: await cookieFor(user), origin: 'https://evil.example' })).status).toBe(403)

    const token = await tokenFor(user)
    const page = await listen(token)
    expect((await fetchApp('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${token}`, origin: ORIGIN } })).status).toBe(204)
    expect(await page.closed).toEqual({ code: 4003, reason: 'Signed out' })
  })
})
