import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { clinicAdminOf, createAppointment, createAvailability, createClinic, createClinicAdmin, createDoctor, createSpecialty, createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, latestEmailTo, postForm, tokenFor } from '../../helpers/auth'
import { FILES, uploadForm } from '../../helpers/fixtures/documents'

type Doctor = { id: string; name: string; status: string; license_expires_on: string | null; licence_warning: string | null; clinic: { id: string } | null }
type Detail = { doctor: Doctor; documents: { id: string; reviewed_at: string | null }[]; upcoming_appointments: { id: string }[] }

const superToken = async () => tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
const day = (offsetDays: number) => new Date(Date.now() + offsetDays * 86_400_000).toISOString().slice(0, 10)

describe('the doctors table', () => {
  it('finds doctors by name or licence, filters by licence expiry, and exports every match', async () => {
    const tag = unique('Findable')
    const { doctor: lapsing } = await createDoctor({ licenseExpiresOn: day(10) }, { name: `Dr. ${tag} Soon` })
    const { doctor: fine } = await createDoctor({ licenseExpiresOn: day(400) }, { name: `Dr. ${tag} Later` })
    const token = await superToken()
    const found = (await (await callApi(token, `/api/v1/admin/doctors?status=all&q=${tag}&sort=name&dir=asc`)).json()) as { items: Doctor[] }
    expect(found.items.map((d) => d.id)).toEqual([fine.id, lapsing.id])
    expect(found.items.find((d) => d.id === lapsing.id)).toMatchObject({ licence_warning: 'expiring', license_expires_on: day(10) })
    const expiring = (await (await callApi(token, `/api/v1/admin/doctors?status=verified&licence=expiring&q=${tag}`)).json()) as { items: Doctor[] }
    expect(expiring.items.map((d) => d.id)).toEqual([lapsing.id])
    const byLicence = (await (await callApi(token, `/api/v1/admin/doctors?status=all&q=${fine.licenseNumber.toLowerCase()}`)).json()) as { items: Doctor[] }
    expect(byLicence.items.map((d) => d.id)).toEqual([fine.id])
    const csv = await (await callApi(token, `/api/v1/admin/doctors.csv?status=all&q=${tag}`)).text()
    expect(csv.trimEnd().split('\r\n')).toHaveLength(3)
    expect(csv.split('\r\n')[0]).toBe('id,name,email,license_number,license_expires_on,specialty,clinic,status,city,applied_at,verified_at')
    expect((await callApi(token, '/api/v1/admin/doctors?licence=soon')).status).toBe(400)
  })

  it('shows a clinic admin only their clinic’s doctors; another clinic’s doctor does not exist for them', async () => {
    const clinic = await createClinic()
    const tag = unique('Scoped')
    const { doctor: ours } = await createDoctor({ clinicId: clinic.id }, { name: `Dr. ${tag} Ours` })
    const { doctor: theirs } = await createDoctor({ clinicId: (await createClinic()).id }, { name: `Dr. ${tag} Theirs` })
    const token = await tokenFor(await createClinicAdmin(clinic.id))
    const { items } = (await (await callApi(token, `/api/v1/admin/doctors?status=all&q=${tag}`)).json()) as { items: Doctor[] }
    expect(items.map((d) => d.id)).toEqual([ours.id])
    expect((await callApi(token, `/api/v1/admin/doctors/${ours.id}`)).status).toBe(200)
    for (const path of [`/api/v1/admin/doctors/${theirs.id}`, `/api/v1/admin/doctors/${theirs.id}/suspend`]) {
      expect((await callApi(token, path, path.endsWith('suspend') ? 'POST' : 'GET', path.endsWith('suspend') ? { reason: 'Not mine to suspend' } : undefined)).status).toBe(404)
    }
    expect((await fetchApp(`/admin/doctors/${theirs.id}`, asBrowser(await cookieFor(await createClinicAdmin(clinic.id))))).status).toBe(404)
  })
})

describe('a doctor’s page', () => {
  it('edits the profile with a reason, audited with what changed; only a super admin moves a doctor between clinics', async () => {
    const { doctor, user } = await createDoctor({ city: 'Leeds' }, { name: 'Dr. Edith Edit' })
    const specialty = await createSpecialty()
    const clinic = await createClinic()
    const token = await superToken()
    const base = { name: 'Dr. Edith Edited', license_number: doctor.licenseNumber, specialty_id: specialty.id, city: 'York', license_expires_on: day(200), clinic_id: clinic.id }
    expect((await callApi(token, `/api/v1/admin/doctors/${doctor.id}`, 'PUT', base)).status).toBe(400)
    const saved = await callApi(token, `/api/v1/admin/doctors/${doctor.id}`, 'PUT', { ...base, reason: 'Moved to York, renewed licence' })
    expect(saved.status).toBe(200)
    expect(((await saved.json()) as Detail).doctor).toMatchObject({ name: 'Dr. Edith Edited', license_expires_on: day(200), clinic: { id: clinic.id } })
    const [entry] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, doctor.id), eq(schema.auditLog.action, 'admin.doctor.edited')))
    expect(entry!.metadata).toMatchObject({ before: { name: 'Dr. Edith Edit', city: 'Leeds', clinicId: null }, after: { name: 'Dr. Edith Edited', city: 'York', clinicId: clinic.id }, reason: 'Moved to York, renewed licence' })
    expect(entry!.subjectUserId).toBe(user.id)

    // The clinic's admin edits too, but the doctor stays at their clinic.
    const clinicToken = await tokenFor(await clinicAdminOf(doctor.id))
    await callApi(clinicToken, `/api/v1/admin/doctors/${doctor.id}`, 'PUT', { ...base, clinic_id: '', city: 'Hull', reason: 'New practice' })
    const [row] = await testDb().select().from(schema.doctors).where(eq(schema.doctors.id, doctor.id))
    expect(row).toMatchObject({ city: 'Hull', clinicId: clinic.id })

    const { doctor: other } = await createDoctor()
    expect((await callApi(token, `/api/v1/admin/doctors/${doctor.id}`, 'PUT', { ...base, license_number: other.licenseNumber, reason: 'Typo' })).status).toBe(409)
    expect((await callApi(token, `/api/v1/admin/doctors/${doctor.id}`, 'PUT', { ...base, license_expires_on: '2027-02-30', reason: 'Typo' })).status).toBe(400)
  })

  it('suspends a doctor: hidden from search and booking at once, upcoming visits listed, then cancelled with notice; reinstated after', async () => {
    const { doctor, user } = await createDoctor({}, { name: 'Dr. Sam Suspended' })
    await createAvailability(doctor.id)
    const patient = await createUser({ name: 'Pat Upcoming' })
    const upcoming = await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() + 5 * 86_400_000) })
    const token = await superToken()
    expect((await callApi(token, `/api/v1/admin/doctors/${doctor.id}/suspend`, 'POST', {})).status).toBe(400)
    const suspended = await callApi(token, `/api/v1/admin/doctors/${doctor.id}/suspend`, 'POST', { reason: 'Licence under review by the board' })
    expect(suspended.status).toBe(200)
    const detail = (await suspended.json()) as Detail
    expect(detail.doctor.status).toBe('deactivated')
    expect(detail.upcoming_appointments.map((a) => a.id)).toEqual([upcoming.id])
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}`)).status).toBe(404)
    const patientToken = await tokenFor(patient)
    expect((await callApi(patientToken, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: `${day(6)}T10:00:00Z`, type: 'video', reason: 'Check-up' })).status).toBe(404)
    expect((await latestEmailTo(user.email))!.subject).toBe('Your MediConnect profile is suspended')
    // The suspended doctor no longer acts as one.
    expect((await callApi(await tokenFor(user), '/api/v1/doctor/availability')).status).toBe(403)
    expect((await callApi(token, `/api/v1/admin/doctors/${doctor.id}/suspend`, 'POST', { reason: 'Twice' })).status).toBe(409)

    const cancelled = await callApi(token, `/api/v1/admin/doctors/${doctor.id}/cancel-upcoming`, 'POST', { reason: 'Your doctor is unavailable' })
    expect(await cancelled.json()).toEqual({ cancelled: 1 })
    expect((await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, upcoming.id)))[0]!.status).toBe('cancelled')
    expect(await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.kind, 'appointment_changed')))).toHaveLength(1)

    const reinstated = await callApi(token, `/api/v1/admin/doctors/${doctor.id}/reinstate`, 'POST', { reason: 'Board cleared the licence' })
    expect(((await reinstated.json()) as Detail).doctor.status).toBe('verified')
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}`)).status).toBe(200)
    const actions = (await testDb().select().from(schema.auditLog).where(eq(schema.auditLog.entityId, doctor.id))).map((e) => e.action)
    expect(actions).toEqual(expect.arrayContaining(['admin.doctor.suspended', 'admin.doctor.reinstated']))
  })

  it('takes an applicant’s licence and certificates, which an admin downloads and marks as checked', async () => {
    const { doctor, user } = await createDoctor({ status: 'pending' })
    const applicant = await tokenFor(user)
    const uploaded = await fetchApp('/api/v1/doctor-application/documents', { method: 'POST', headers: { authorization: `Bearer ${applicant}` }, body: uploadForm(FILES.pdf, 'licence.pdf', { kind: 'licence', title: 'Medical licence' }) })
    expect(uploaded.status).toBe(201)
    const { document } = (await uploaded.json()) as { document: { id: string; kind: string } }
    expect(document.kind).toBe('licence')
    const refused = await fetchApp('/api/v1/doctor-application/documents', { method: 'POST', headers: { authorization: `Bearer ${applicant}` }, body: uploadForm(FILES.text, 'notes.txt', { kind: 'licence' }) })
    expect(refused.status).toBe(415)
    expect((await callApi(await tokenFor(await createUser()), '/api/v1/doctor-application/documents')).status).toBe(403)

    const token = await superToken()
    const file = await callApi(token, `/api/v1/admin/doctors/${doctor.id}/documents/${document.id}`)
    expect(file.headers.get('content-disposition')).toMatch(/^attachment; filename="Medical_licence\.pdf"/)
    expect(new Uint8Array(await file.arrayBuffer())).toEqual(FILES.pdf)
    expect((await callApi(await tokenFor(await createClinicAdmin()), `/api/v1/admin/doctors/${doctor.id}/documents/${document.id}`)).status).toBe(404)
    expect((await callApi(token, `/api/v1/admin/doctors/${doctor.id}/documents/${document.id}/reviewed`, 'POST')).status).toBe(204)
    expect((await callApi(token, `/api/v1/admin/doctors/${doctor.id}/documents/${document.id}/reviewed`, 'POST')).status).toBe(409)
    const detail = (await (await callApi(token, `/api/v1/admin/doctors/${doctor.id}`)).json()) as Detail
    expect(detail.documents[0]!.reviewed_at).not.toBeNull()
  })

  it('works without JavaScript: the page warns of a lapsing licence, asks why before suspending, and keeps a refused edit', async () => {
    const { doctor } = await createDoctor({ licenseExpiresOn: day(-1) }, { name: 'Dr. Lapsed Page' })
    const cookie = await cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const page = await (await fetchApp(`/admin/doctors/${doctor.id}`, asBrowser(cookie))).text()
    expect(page).toContain(`Licence lapsed on ${day(-1)}`)
    expect(page).toContain(`action="/admin/doctors/${doctor.id}/suspend"`)
    const noReason = await postForm(`/admin/doctors/${doctor.id}/suspend`, cookie, { reason: '' })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('Say why, in a few words')
    const badEdit = await postForm(`/admin/doctors/${doctor.id}`, cookie, { name: 'Dr. Kept Input', license_number: doctor.licenseNumber, specialty_id: doctor.specialtyId, license_expires_on: 'soon', reason: 'Renewal' })
    expect(badEdit.status).toBe(422)
    expect(await badEdit.text()).toContain('value="Dr. Kept Input"')
    const suspended = await postForm(`/admin/doctors/${doctor.id}/suspend`, cookie, { reason: 'Licence lapsed' })
    expect(suspended.headers.get('location')).toBe(`/admin/doctors/${doctor.id}?done=suspended`)
    const table = await (await fetchApp('/admin/doctors?status=deactivated', asBrowser(cookie))).text()
    expect(table).toContain('Dr. Lapsed Page')
    expect(table).toContain('aria-sort')
  })
})
