import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createAvailability, createClinic, createClinicAdmin, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, tokenFor } from '../../helpers/auth'

type Rows = { report: string; from: string; to: string; rows: Record<string, string | number | null>[] }
const at = (iso: string) => new Date(iso)
const RANGE = 'from=2026-01-05&to=2026-01-18'

// One clinic with one doctor (hours 09:00–12:00 UTC every day, an hour off) and four visits in
// the week of 12 January, booked at known lead times by two new patients: each report's numbers
// are known exactly, and no other test's rows can reach them (they are another clinic's).
async function clinicWithVisits() {
  const clinic = await createClinic()
  const { doctor } = await createDoctor({ clinicId: clinic.id }, { name: 'Dr. Report' })
  await createAvailability(doctor.id)
  await testDb().insert(schema.timeOff).values({ doctorId: doctor.id, startAt: at('2026-01-06T09:00:00Z'), endAt: at('2026-01-06T10:00:00Z') })
  const [p1, p2] = [await createUser(), await createUser()]
  const visit = (patientId: string, start: string, created: string, status: 'completed' | 'no_show' | 'cancelled') => createAppointment(doctor.id, patientId, { startAt: at(start), endAt: new Date(at(start).getTime() + 30 * 60_000), createdAt: at(created), status })
  await visit(p1!.id, '2026-01-12T09:00:00Z', '2026-01-05T10:00:00Z', 'completed')
  await visit(p1!.id, '2026-01-12T10:00:00Z', '2026-01-11T10:00:00Z', 'completed')
  await visit(p2!.id, '2026-01-13T09:00:00Z', '2026-01-13T07:00:00Z', 'no_show')
  await visit(p2!.id, '2026-01-14T09:00:00Z', '2026-01-12T09:00:00Z', 'cancelled')
  return { clinic, doctor, admin: await tokenFor(await createClinicAdmin(clinic.id)) }
}

const report = async (token: string, name: string, query = RANGE) => (await (await callApi(token, `/api/v1/admin/reports/${name}?${query}`)).json()) as Rows

describe('reports', () => {
  it('computes utilisation, outcomes, lead time and new patients from the clinic’s appointments', async () => {
    const { admin } = await clinicWithVisits()
    // 14 days × 180 minutes, less the hour off; three 30-minute visits held the time (the cancelled one did not).
    expect((await report(admin, 'utilisation')).rows).toEqual([{ doctor: 'Dr. Report', specialty: expect.any(String), booked_minutes: 90, available_minutes: 2460, utilisation: 90 / 2460 }])
    expect((await report(admin, 'outcomes', `${RANGE}&by=week`)).rows).toEqual([{ week: '2026-01-12', appointments: 4, completed: 2, no_show: 1, cancelled: 1, no_show_rate: 1 / 3, cancellation_rate: 0.25 }])
    expect((await report(admin, 'outcomes', `${RANGE}&by=doctor`)).rows[0]).toMatchObject({ doctor: 'Dr. Report', appointments: 4 })
    const lead = (await report(admin, 'lead-time')).rows
    expect(lead.map((r) => [r.lead_time, r.bookings])).toEqual([
      ['Under 1 day', 1],
      ['1–3 days', 2],
      ['3–7 days', 1],
      ['1–2 weeks', 0],
      ['2–4 weeks', 0],
      ['4 weeks or more', 0],
    ])
    expect((await report(admin, 'new-patients')).rows).toEqual([
      { week: '2026-01-05', new_patients: 1 },
      { week: '2026-01-12', new_patients: 1 },
    ])
  })

  it('covers a clinic admin’s own clinic only; a super admin sees any clinic, or all', async () => {
    const { clinic } = await clinicWithVisits()
    const other = await tokenFor(await createClinicAdmin())
    expect((await report(other, 'utilisation')).rows).toEqual([])
    expect((await report(other, 'outcomes')).rows).toEqual([])
    // A clinic admin asking for another clinic still gets their own.
    expect((await report(other, 'outcomes', `${RANGE}&clinic=${clinic.id}`)).rows).toEqual([])
    const superToken = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    expect((await report(superToken, 'outcomes', `${RANGE}&clinic=${clinic.id}`)).rows).toHaveLength(1)
    expect((await report(superToken, 'outcomes', 'from=2026-01-12&to=2026-01-18&by=week')).rows[0]!.appointments).toBeGreaterThanOrEqual(4)
    for (const user of [await createUser({ role: 'admin', adminRole: 'support' }), (await createDoctor()).user, await createUser()]) {
      expect((await callApi(await tokenFor(user), '/api/v1/admin/reports/outcomes')).status).toBe(403)
    }
  })

  it('refuses a bad range or report with a clear error', async () => {
    const token = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    expect((await callApi(token, '/api/v1/admin/reports/outcomes?from=2026-02-01&to=2026-01-01')).status).toBe(400)
    expect((await callApi(token, '/api/v1/admin/reports/outcomes?from=2024-01-01&to=2026-01-01')).status).toBe(400)
    expect((await callApi(token, '/api/v1/admin/reports/outcomes?by=mood')).status).toBe(400)
    expect((await callApi(token, '/api/v1/admin/reports/revenue-of-the-moon')).status).toBe(404)
  })

  it('exports CSV and draws the chart on the server, with the numbers as a table', async () => {
    const { clinic } = await clinicWithVisits()
    const admin = await createClinicAdmin(clinic.id)
    const csv = await (await callApi(await tokenFor(admin), `/api/v1/admin/reports/outcomes.csv?${RANGE}&by=week`)).text()
    expect(csv.split('\r\n').slice(0, 2)).toEqual(['week,appointments,completed,no_show,cancelled,no_show_rate,cancellation_rate', `2026-01-12,4,2,1,1,${1 / 3},0.25`])
    const page = await (await fetchApp(`/admin/reports?report=outcomes&${RANGE}&by=week`, asBrowser(await cookieFor(admin)))).text()
    expect(page).toContain('<svg viewBox="0 0 600 160" role="img"')
    expect(page).toContain('<th scope="row">2026-01-12</th>')
    expect(page).toContain('33.3 %')
    const refused = await fetchApp('/admin/reports?from=2026-13-01', asBrowser(await cookieFor(admin)))
    expect(refused.status).toBe(200)
    expect(await refused.text()).toContain('so the last 8 weeks are shown')
  })
})
