import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { latestEmailTo, tokenFor } from '../../helpers/auth'

const call = (token: string, path: string, method?: string, body?: unknown) => callApi(token, `/api/v1${path}`, method, body)

const clinicAdmin = async () => tokenFor(await createUser({ role: 'admin', adminRole: 'clinic' }))

describe('the doctor verification queue', () => {
  it('lists pending applications, oldest first, with the licence number', async () => {
    const { doctor } = await createDoctor({ status: 'pending' })
    const res = await call(await clinicAdmin(), '/admin/doctors?status=pending')
    expect(res.status).toBe(200)
    const { items } = (await res.json()) as { items: { id: string; status: string; license_number: string }[] }
    expect(items.find((d) => d.id === doctor.id)).toMatchObject({ status: 'pending', license_number: doctor.licenseNumber })
    expect(items.every((d) => d.status === 'pending')).toBe(true)
  })

  it('verifies an applicant: searchable afterwards, emailed, audited', async () => {
    const { doctor, user } = await createDoctor({ status: 'pending' })
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}`)).status).toBe(404)
    const res = await call(await clinicAdmin(), `/admin/doctors/${doctor.id}/verify`, 'POST')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { doctor: { status: string } }).doctor.status).toBe('verified')
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}`)).status).toBe(200)
    expect((await latestEmailTo(user.email))!.subject).toMatch(/verified/)
    const audit = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, doctor.id), eq(schema.auditLog.action, 'doctor.verified')))
    expect(audit).toHaveLength(1)
  })

  it('rejects with a reason the doctor is told; deciding twice is a 409', async () => {
    const { doctor, user } = await createDoctor({ status: 'pending' })
    const admin = await clinicAdmin()
    expect((await call(admin, `/admin/doctors/${doctor.id}/reject`, 'POST', {})).status).toBe(400)
    const res = await call(admin, `/admin/doctors/${doctor.id}/reject`, 'POST', { reason: 'The licence number does not match the register.' })
    expect(res.status).toBe(200)
    expect((await latestEmailTo(user.email))!.textBody).toContain('The licence number does not match the register.')
    const again = await call(admin, `/admin/doctors/${doctor.id}/reject`, 'POST', { reason: 'Again' })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('invalid_transition')
  })

  it('answers 404 for an unknown doctor and 400 for an unknown status', async () => {
    const admin = await clinicAdmin()
    expect((await call(admin, '/admin/doctors/doc_nobody/verify', 'POST')).status).toBe(404)
    expect((await call(admin, '/admin/doctors?status=maybe')).status).toBe(400)
  })

  it('is closed to support admins, doctors and patients', async () => {
    const { doctor, user: doctorUser } = await createDoctor({ status: 'pending' })
    for (const user of [await createUser({ role: 'admin', adminRole: 'support' }), doctorUser, await createUser()]) {
      const token = await tokenFor(user)
      expect((await call(token, '/admin/doctors')).status).toBe(403)
      expect((await call(token, `/admin/doctors/${doctor.id}/verify`, 'POST')).status).toBe(403)
    }
    const [row] = await testDb().select().from(schema.doctors).where(eq(schema.doctors.id, doctor.id))
    expect(row!.status).toBe('pending')
  })
})
