import { describe, expect, it } from 'vitest'
import { createAppointment, createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { cookieFor, tokenFor } from '../../helpers/auth'
import { expectedForAll, statusesByRole } from '../../helpers/roles'
import { Client, upgrade } from '../../helpers/websocket'

type Dashboard = { people: { patients: number }; appointments: Record<string, { today: number; week: number; month: number }>; bookings_per_day: { day: string; count: number }[]; no_show_rate: number | null; median_lead_ms: number | null }
const dashboard = async (token: string) => (await (await callApi(token, '/api/v1/admin/dashboard')).json()) as Dashboard
const DAY = 86_400_000

describe('the admin dashboard', () => {
  it('is for super and clinic admins, and lands them there after signing in', async () => {
    expect(await statusesByRole(['/api/v1/admin/dashboard'])).toEqual(expectedForAll(['/api/v1/admin/dashboard'], { super: 200, clinic: 200, support: 403, doctor: 403, patient: 403, anonymous: 401 }))
  })

  it('counts appointments by status and period, the rates, and bookings per day', async () => {
    const token = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const before = await dashboard(token)
    const { doctor } = await createDoctor()
    const patient = await createUser({ role: 'patient' })
    // Missed three days ago, booked five days before that.
    await createAppointment(doctor.id, patient.id, { status: 'no_show', startAt: new Date(Date.now() - 3 * DAY), createdAt: new Date(Date.now() - 8 * DAY) })
    const after = await dashboard(token)
    expect(after.appointments.no_show!.week).toBeGreaterThanOrEqual((before.appointments.no_show?.week ?? 0) + 1)
    expect(after.appointments.no_show!.month).toBeGreaterThanOrEqual((before.appointments.no_show?.month ?? 0) + 1)
    expect(after.no_show_rate).toBeGreaterThan(0)
    expect(after.people.patients).toBeGreaterThanOrEqual(before.people.patients + 1)
    expect(after.bookings_per_day).toHaveLength(30)
    expect(after.bookings_per_day.at(-1)!.day).toBe(new Date().toISOString().slice(0, 10))
    expect(after.median_lead_ms).not.toBeNull()
  })

  it('draws its chart on the server, readable without colour, with the numbers as a table', async () => {
    const html = await (await fetchApp('/admin', { headers: { cookie: await cookieFor(await createUser({ role: 'admin', adminRole: 'clinic' })) } })).text()
    expect(html).toMatch(/<svg viewBox="0 0 600 160" role="img" aria-labelledby="bookings-title bookings-desc"/)
    expect(html).toContain('<summary>Show the numbers</summary>')
    expect(html).toContain('<caption>Appointments by status</caption>')
    // No chart library: the page loads no script of its own.
    expect(html.match(/<script /g)).toHaveLength(1)
  })

  it('tells open dashboards when a request arrives, over the admins’ channel', async () => {
    const admin = await createUser({ role: 'admin', adminRole: 'super' })
    const res = await upgrade('/admin/live', { token: await tokenFor(admin) })
    expect(res.status).toBe(101)
    const live = new Client(res.webSocket!)
    await live.next((f) => f.type === 'ready')
    expect((await upgrade('/admin/live', { token: await tokenFor(await createUser({ role: 'patient' })) })).status).toBe(403)

    const { doctor } = await createDoctor()
    await createAvailability(doctor.id, { autoConfirm: false })
    const patientToken = await tokenFor(await createUser({ role: 'patient' }))
    const day = new Date(Date.now() + 2 * DAY).toISOString().slice(0, 10)
    expect((await callApi(patientToken, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: `${day}T10:00:00Z`, type: 'video', reason: 'Check' })).status).toBe(201)
    expect(await live.next((f) => f.type === 'changed')).toMatchObject({ type: 'changed', kinds: ['appointment_booked'] })
    live.close()
  })
})
