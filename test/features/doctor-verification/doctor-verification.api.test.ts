import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createClinic, createClinicAdmin, createDoctor, createSpecialty, createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp, postJson } from '../../helpers/http'
import { latestEmailTo, linkToken, tokenFor } from '../../helpers/auth'

const call = (token: string, path: string, method?: string, body?: unknown) => callApi(token, `/api/v1${path}`, method, body)

// Applicants choose no clinic: super admins decide on them. A clinic admin's own doctors join their clinic.
const superAdmin = async () => tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
const clinicAdmin = async () => tokenFor(await createClinicAdmin())

describe('the doctor verification queue', () => {
  it('lists pending applications, oldest first, with the licence number', async () => {
    const { doctor } = await createDoctor({ status: 'pending' })
    const res = await call(await superAdmin(), '/admin/doctors?status=pending')
    expect(res.status).toBe(200)
    const { items } = (await res.json()) as { items: { id: string; status: string; license_number: string }[] }
    expect(items.find((d) => d.id === doctor.id)).toMatchObject({ status: 'pending', license_number: doctor.licenseNumber })
    expect(items.every((d) => d.status === 'pending')).toBe(true)
  })

  it('verifies an applicant: searchable afterwards, emailed, audited', async () => {
    const { doctor, user } = await createDoctor({ status: 'pending' })
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}`)).status).toBe(404)
    const res = await call(await superAdmin(), `/admin/doctors/${doctor.id}/verify`, 'POST')
    expect(res.status).toBe(200)
    expect(((await res.json()) as { doctor: { status: string } }).doctor.status).toBe('verified')
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}`)).status).toBe(200)
    expect((await latestEmailTo(user.email))!.subject).toMatch(/verified/)
    const audit = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, doctor.id), eq(schema.auditLog.action, 'doctor.verified')))
    expect(audit).toHaveLength(1)
  })

  it('rejects with a reason the doctor is told; deciding twice is a 409', async () => {
    const { doctor, user } = await createDoctor({ status: 'pending' })
    const admin = await superAdmin()
    expect((await call(admin, `/admin/doctors/${doctor.id}/reject`, 'POST', {})).status).toBe(400)
    const res = await call(admin, `/admin/doctors/${doctor.id}/reject`, 'POST', { reason: 'The licence number does not match the register.' })
    expect(res.status).toBe(200)
    expect((await latestEmailTo(user.email))!.textBody).toContain('The licence number does not match the register.')
    const again = await call(admin, `/admin/doctors/${doctor.id}/reject`, 'POST', { reason: 'Again' })
    expect(again.status).toBe(409)
    expect(((await again.json()) as { error: { code: string } }).error.code).toBe('invalid_transition')
  })

  it('answers 404 for an unknown doctor and 400 for an unknown status', async () => {
    const admin = await superAdmin()
    expect((await call(admin, '/admin/doctors/doc_nobody/verify', 'POST')).status).toBe(404)
    expect((await call(admin, '/admin/doctors?status=maybe')).status).toBe(400)
  })

  it('shows a clinic admin only their clinic’s applicants, and decides only on those', async () => {
    const clinic = await createClinic()
    const { doctor: ours } = await createDoctor({ status: 'pending', clinicId: clinic.id })
    const { doctor: theirs } = await createDoctor({ status: 'pending', clinicId: (await createClinic()).id })
    const { doctor: independent } = await createDoctor({ status: 'pending' })
    const admin = await tokenFor(await createClinicAdmin(clinic.id))
    const { items } = (await (await call(admin, '/admin/doctors?status=pending')).json()) as { items: { id: string }[] }
    expect(items.map((d) => d.id)).toEqual([ours.id])
    expect((await call(admin, `/admin/doctors/${theirs.id}/verify`, 'POST')).status).toBe(404)
    expect((await call(admin, `/admin/doctors/${independent.id}/verify`, 'POST')).status).toBe(404)
    expect((await call(admin, `/admin/doctors/${ours.id}/verify`, 'POST')).status).toBe(200)
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

describe('an admin creating a doctor directly', () => {
  const details = async (overrides: Record<string, unknown> = {}) => ({
    name: 'Dr. Ada Invited',
    email: `${unique('invited')}@example.test`,
    license_number: unique('LIC'),
    specialty_id: (await createSpecialty()).id,
    bio: 'Family medicine, twenty years in the clinic.',
    ...overrides,
  })

  it('creates a verified, bookable doctor with no password, emails an invitation and audits it', async () => {
    const input = await details()
    const res = await call(await clinicAdmin(), '/admin/doctors', 'POST', input)
    expect(res.status).toBe(201)
    const { doctor } = (await res.json()) as { doctor: { id: string; status: string; email: string; license_number: string } }
    expect(doctor).toMatchObject({ status: 'verified', email: input.email, license_number: input.license_number })
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}`)).status).toBe(200)

    const [user] = await testDb().select().from(schema.users).where(eq(schema.users.email, input.email))
    expect(user).toMatchObject({ role: 'doctor', passwordHash: null, emailVerifiedAt: null })
    const audit = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, doctor.id), eq(schema.auditLog.action, 'doctor.created')))
    expect(audit).toHaveLength(1)

    const email = (await latestEmailTo(input.email))!
    expect(email.subject).toMatch(/account is ready/)
    expect(email.textBody).toContain('7 days')
    // Nobody can sign in before the doctor has chosen a password.
    expect((await postJson('/api/v1/auth/login', { email: input.email, password: 'anything at all' })).status).toBe(401)
  })

  it('lets the invited doctor choose a password once, which also confirms the address', async () => {
    const input = await details()
    expect((await call(await clinicAdmin(), '/admin/doctors', 'POST', input)).status).toBe(201)
    const token = linkToken((await latestEmailTo(input.email))!.textBody)
    expect((await postJson('/api/v1/auth/password/reset', { token, password: 'a first password of mine' })).status).toBe(204)
    expect((await postJson('/api/v1/auth/password/reset', { token, password: 'and a second one' })).status).toBe(400)
    const login = await postJson('/api/v1/auth/login', { email: input.email, password: 'a first password of mine' })
    expect(login.status).toBe(200)
    const [user] = await testDb().select().from(schema.users).where(eq(schema.users.email, input.email))
    expect(user!.emailVerifiedAt).not.toBeNull()
  })

  it('refuses bad input, a taken email and a taken licence, writing nothing', async () => {
    const admin = await clinicAdmin()
    const bad = await call(admin, '/admin/doctors', 'POST', { name: '', email: 'not-an-email', license_number: '!', specialty_id: 'spc_nope' })
    expect(bad.status).toBe(400)
    const { error } = (await bad.json()) as { error: { code: string; fields: Record<string, string> } }
    expect(error.code).toBe('validation_failed')
    expect(Object.keys(error.fields)).toEqual(expect.arrayContaining(['name', 'email', 'license_number']))

    const unknownSpecialty = await call(admin, '/admin/doctors', 'POST', await details({ specialty_id: 'spc_nope' }))
    expect(unknownSpecialty.status).toBe(400)

    const { user: existing, doctor: licensed } = await createDoctor()
    const takenEmail = await call(admin, '/admin/doctors', 'POST', await details({ email: existing.email }))
    expect(takenEmail.status).toBe(409)
    expect(((await takenEmail.json()) as { error: { code: string } }).error.code).toBe('email_taken')
    const input = await details({ license_number: licensed.licenseNumber })
    expect((await call(admin, '/admin/doctors', 'POST', input)).status).toBe(409)
    expect(await testDb().select().from(schema.users).where(eq(schema.users.email, input.email))).toHaveLength(0)
  })

  it('is closed to support admins, doctors and patients', async () => {
    const { user: doctorUser } = await createDoctor()
    for (const user of [await createUser({ role: 'admin', adminRole: 'support' }), doctorUser, await createUser()]) {
      const input = await details()
      expect((await call(await tokenFor(user), '/admin/doctors', 'POST', input)).status).toBe(403)
      expect(await testDb().select().from(schema.users).where(eq(schema.users.email, input.email))).toHaveLength(0)
    }
  })
})
