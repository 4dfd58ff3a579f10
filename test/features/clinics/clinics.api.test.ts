import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createClinic, createClinicAdmin, createDoctor, createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm, tokenFor } from '../../helpers/auth'

type Clinic = { id: string; name: string; address: string | null; doctor_count: number; admin_count: number }

describe('clinics', () => {
  it('a super admin adds and edits a clinic, audited with the before and after; a name is taken once', async () => {
    const admin = await createUser({ role: 'admin', adminRole: 'super' })
    const token = await tokenFor(admin)
    const name = unique('Harbour Clinic')
    const added = await callApi(token, '/api/v1/admin/clinics', 'POST', { name, address: '1 Quay Street', phone: '+44 20 7946 0000', email: 'desk@harbour.test' })
    expect(added.status).toBe(201)
    const { clinic } = (await added.json()) as { clinic: Clinic }
    expect(clinic).toMatchObject({ name, address: '1 Quay Street', doctor_count: 0, admin_count: 0 })
    expect((await callApi(token, '/api/v1/admin/clinics', 'POST', { name: name.toUpperCase() })).status).toBe(409)

    const changed = await callApi(token, `/api/v1/admin/clinics/${clinic.id}`, 'PUT', { name, address: '2 Quay Street' })
    expect(((await changed.json()) as { clinic: Clinic }).clinic.address).toBe('2 Quay Street')
    const [entry] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, clinic.id), eq(schema.auditLog.action, 'admin.clinic.changed')))
    expect(entry!.metadata).toMatchObject({ before: { address: '1 Quay Street' }, after: { address: '2 Quay Street' } })
  })

  it('refuses bad input with the API error shape and stores nothing', async () => {
    const token = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    for (const body of [{}, { name: 'x' }, { name: 'Fine Name', email: 'not-an-email' }, { name: 'Fine Name', phone: 'call me' }, { name: 'Two\nLines' }]) {
      const res = await callApi(token, '/api/v1/admin/clinics', 'POST', body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed')
    }
    expect(await testDb().select().from(schema.clinics).where(eq(schema.clinics.name, 'Fine Name'))).toEqual([])
    expect((await callApi(token, '/api/v1/admin/clinics/cln_nowhere')).status).toBe(404)
  })

  it('shows a clinic admin their own clinic only, and lets nobody but a super admin change clinics', async () => {
    const ours = await createClinic()
    const theirs = await createClinic()
    await createDoctor({ clinicId: ours.id })
    const clinicToken = await tokenFor(await createClinicAdmin(ours.id))
    const { items } = (await (await callApi(clinicToken, '/api/v1/admin/clinics')).json()) as { items: Clinic[] }
    expect(items.map((c) => c.id)).toEqual([ours.id])
    expect(items[0]).toMatchObject({ doctor_count: 1, admin_count: 1 })
    expect((await callApi(clinicToken, `/api/v1/admin/clinics/${theirs.id}`)).status).toBe(404)
    expect((await callApi(clinicToken, `/api/v1/admin/clinics/${ours.id}`, 'PUT', { name: 'Renamed by a clinic admin' })).status).toBe(403)
    expect((await callApi(clinicToken, '/api/v1/admin/clinics', 'POST', { name: unique('Mine') })).status).toBe(403)
    for (const user of [await createUser({ role: 'admin', adminRole: 'support' }), (await createDoctor()).user, await createUser()]) {
      expect((await callApi(await tokenFor(user), '/api/v1/admin/clinics')).status).toBe(403)
    }
    expect((await fetchApp('/api/v1/admin/clinics')).status).toBe(401)
  })

  it('works as pages without JavaScript, keeping what was typed when refused', async () => {
    const cookie = await cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const name = unique('Page Clinic')
    const refused = await postForm('/admin/clinics', cookie, { name, email: 'nope' })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain(`value="${name}"`)
    expect(html).toContain('must be an email address')
    const added = await postForm('/admin/clinics', cookie, { name, address: 'Market Square 3' })
    expect(added.status).toBe(303)
    const page = await (await fetchApp(added.headers.get('location')!, asBrowser(cookie))).text()
    expect(page).toContain('The clinic is added')
    expect(page).toContain('Market Square 3')
    expect(await (await fetchApp('/admin/clinics', asBrowser(cookie))).text()).toContain('<caption>Clinics</caption>')
  })

  it('invites a clinic admin into a clinic', async () => {
    const clinic = await createClinic()
    const token = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const email = `${unique('clinic-admin')}@example.test`
    expect((await callApi(token, '/api/v1/admin/users', 'POST', { name: 'Cleo Clinic', email, admin_role: 'clinic' })).status).toBe(400)
    const res = await callApi(token, '/api/v1/admin/users', 'POST', { name: 'Cleo Clinic', email, admin_role: 'clinic', clinic_id: clinic.id })
    expect(res.status).toBe(201)
    expect(((await res.json()) as { user: { clinic_id: string } }).user.clinic_id).toBe(clinic.id)
  })
})
