import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createClinicAdmin, createDoctor, createSpecialty, createUser, unique } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, latestEmailTo, linkToken, postForm } from '../../helpers/auth'

const clinicAdminCookie = async () => cookieFor(await createClinicAdmin())
const superAdminCookie = async () => cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))

describe('the admin doctors pages', () => {
  it('verifies an applicant from the queue, and refuses a rejection without a reason', async () => {
    const { doctor } = await createDoctor({ status: 'pending' }, { name: 'Dr. Queue Waiting' })
    const cookie = await superAdminCookie()
    const queue = await (await fetchApp('/admin/doctors', asBrowser(cookie))).text()
    expect(queue).toContain('Dr. Queue Waiting')
    expect(queue).toContain(`action="/admin/doctors/${doctor.id}/verify"`)
    const noReason = await postForm(`/admin/doctors/${doctor.id}/reject`, cookie, { reason: '' })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('Please give a reason')
    // Verifying opens the doctor to patients at once: it asks once more, naming the licence.
    const asked = await postForm(`/admin/doctors/${doctor.id}/verify`, cookie, {})
    expect(asked.status).toBe(200)
    const question = await asked.text()
    expect(question).toContain('Verify Dr. Queue Waiting?')
    expect(question).toContain(doctor.licenseNumber)
    expect((await testDb().select().from(schema.doctors).where(eq(schema.doctors.id, doctor.id)))[0]!.status).toBe('pending')
    const verified = await postForm(`/admin/doctors/${doctor.id}/verify`, cookie, { confirmed: '1' })
    expect(verified.status).toBe(303)
    expect(verified.headers.get('location')).toBe('/admin/doctors?done=verified')
    const [row] = await testDb().select().from(schema.doctors).where(eq(schema.doctors.id, doctor.id))
    expect(row!.status).toBe('verified')
  })

  it('creates a doctor from the form, keeps the input when refused, and the invitation sets a first password', async () => {
    const cookie = await clinicAdminCookie()
    const specialty = await createSpecialty({ name: 'Invited Specialty' })
    const form = await (await fetchApp('/admin/doctors/new', asBrowser(cookie))).text()
    expect(form).toContain('<label for="field-license_number">Licence number</label>')
    expect(form).toContain(`<option value="${specialty.id}">Invited Specialty</option>`)

    const email = `${unique('new-doctor')}@example.test`
    const fields = { name: 'Dr. Grace Form', email, phone: '', license_number: unique('LIC'), specialty_id: specialty.id, bio: '' }
    const invalid = await postForm('/admin/doctors', cookie, { ...fields, email: 'nope' })
    expect(invalid.status).toBe(422)
    const invalidHtml = await invalid.text()
    expect(invalidHtml).toContain('value="Dr. Grace Form"')
    expect(invalidHtml).toContain('aria-invalid="true"')

    const { user: existing } = await createDoctor()
    const taken = await postForm('/admin/doctors', cookie, { ...fields, email: existing.email })
    expect(taken.status).toBe(409)
    const takenHtml = await taken.text()
    expect(takenHtml).toContain('An account with this email already exists')
    expect(takenHtml).toContain(`value="${fields.license_number}"`)

    const created = await postForm('/admin/doctors', cookie, fields)
    expect(created.status).toBe(303)
    expect(created.headers.get('location')).toBe('/admin/doctors?status=verified&done=created')
    const verifiedList = await (await fetchApp('/admin/doctors?status=verified&done=created', asBrowser(cookie))).text()
    expect(verifiedList).toContain('an invitation to choose a password is on its way')
    expect(verifiedList).toContain('Dr. Grace Form')

    const invitation = (await latestEmailTo(email))!
    expect(invitation.textBody).toContain('/reset-password?invited=1&token=')
    const token = linkToken(invitation.textBody)
    const page = await (await fetchApp(`/reset-password?invited=1&token=${token}`)).text()
    expect(page).toContain('Choose your password')
    expect(page).toContain('action="/reset-password?invited=1"')
    const set = await postForm('/reset-password?invited=1', '', { token, password: 'my very first password' })
    expect(set.status).toBe(200)
    expect(await set.text()).toContain('Your password is set.')
    const login = await postForm('/login', '', { email, password: 'my very first password' })
    expect(login.status).toBe(303)
  })

  it('is not open to support admins', async () => {
    const cookie = await cookieFor(await createUser({ role: 'admin', adminRole: 'support' }))
    expect((await fetchApp('/admin/doctors/new', asBrowser(cookie))).status).toBe(403)
    const email = `${unique('blocked')}@example.test`
    expect((await postForm('/admin/doctors', cookie, { name: 'Dr. No', email, license_number: unique('LIC'), specialty_id: 'x' })).status).toBe(403)
    expect(await testDb().select().from(schema.users).where(eq(schema.users.email, email))).toHaveLength(0)
  })
})
