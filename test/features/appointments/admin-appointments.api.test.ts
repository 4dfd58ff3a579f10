import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { clinicAdminOf, createClinicAdmin, createDoctor, createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { cookieFor, tokenFor } from '../../helpers/auth'
import { expectedForAll, statusesByRole } from '../../helpers/roles'

type Page = { items: { id: string; patient: { name: string }; status: string; reason: string | null; start: string }[]; next_cursor: string | null }
const DAY = 86_400_000

async function patientWithVisits(count: number) {
  const { doctor } = await createDoctor({}, { name: 'Dr. Table' })
  const name = `Tabitha ${unique('t')}`
  const patient = await createUser({ role: 'patient', name })
  const base = Date.now() + 20 * DAY
  const rows = await testDb()
    .insert(schema.appointments)
    .values(Array.from({ length: count }, (_, i) => ({ doctorId: doctor.id, patientId: patient.id, startAt: new Date(base + i * 3_600_000), endAt: new Date(base + i * 3_600_000 + 1_800_000), type: 'video' as const, reason: 'Private reason', status: i % 2 ? ('confirmed' as const) : ('cancelled' as const) })))
    .returning()
  return { doctor, patient, name, rows }
}

describe('the admins’ appointments table', () => {
  it('is for admins only', async () => {
    expect(await statusesByRole(['/api/v1/admin/appointments'])).toEqual(expectedForAll(['/api/v1/admin/appointments'], { super: 200, clinic: 200, support: 200, doctor: 403, patient: 403, anonymous: 401 }))
  })

  it('finds by patient name or id, filters by status, pages by keyset, and hides reasons from support', async () => {
    const { name, rows, doctor } = await patientWithVisits(60)
    const clinic = await tokenFor(await clinicAdminOf(doctor.id))
    // Another clinic's admin finds none of them.
    expect(((await (await callApi(await tokenFor(await createClinicAdmin()), `/api/v1/admin/appointments?q=${encodeURIComponent(name)}`)).json()) as Page).items).toEqual([])
    const first = (await (await callApi(clinic, `/api/v1/admin/appointments?q=${encodeURIComponent(name)}&sort=start&dir=asc`)).json()) as Page
    expect(first.items).toHaveLength(50)
    expect(first.items.every((a) => a.patient.name === name)).toBe(true)
    expect(first.items[0]!.start < first.items[1]!.start).toBe(true)
    const second = (await (await callApi(clinic, `/api/v1/admin/appointments?q=${encodeURIComponent(name)}&sort=start&dir=asc&cursor=${first.next_cursor}`)).json()) as Page
    expect(second.items).toHaveLength(10)
    expect(new Set([...first.items, ...second.items].map((a) => a.id)).size).toBe(60)
    const cancelled = (await (await callApi(clinic, `/api/v1/admin/appointments?q=${encodeURIComponent(name)}&status=cancelled`)).json()) as Page
    expect(cancelled.items.every((a) => a.status === 'cancelled')).toBe(true)
    expect(cancelled.items).toHaveLength(30)
    const byId = (await (await callApi(clinic, `/api/v1/admin/appointments?q=${rows[7]!.id}`)).json()) as Page
    expect(byId.items.map((a) => a.id)).toEqual([rows[7]!.id])
    expect(byId.items[0]!.reason).toBe('Private reason')
    const support = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const seen = (await (await callApi(support, `/api/v1/admin/appointments?q=${rows[7]!.id}`)).json()) as Page
    expect(seen.items[0]!.reason).toBeNull()
  })

  it('exports every match as CSV without the reasons, and shows the page without JavaScript', async () => {
    const { name } = await patientWithVisits(3)
    const admin = await createUser({ role: 'admin', adminRole: 'super' })
    const csv = await (await callApi(await tokenFor(admin), `/api/v1/admin/appointments.csv?q=${encodeURIComponent(name)}`)).text()
    const lines = csv.trimEnd().split('\r\n')
    expect(lines).toHaveLength(4)
    expect(lines[0]).toBe('id,start,end,type,status,patient_id,patient_name,doctor_id,doctor_name,specialty,created_at')
    expect(csv).not.toContain('Private reason')
    const html = await (await fetchApp(`/admin/appointments?q=${encodeURIComponent(name)}&status=`, { headers: { cookie: await cookieFor(admin) } })).text()
    expect(html).toContain('<caption>Appointments</caption>')
    expect(html.match(/<tr>/g)!.length).toBe(4)
  })
})
