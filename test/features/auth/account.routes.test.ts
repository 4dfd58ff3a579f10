import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, latestEmailTo, linkToken, PASSWORD, postForm, registerPatientViaApi, tokenFor } from '../../helpers/auth'

const userRow = async (id: string) => (await testDb().select().from(schema.users).where(eq(schema.users.id, id)))[0]!
const auditOf = (userId: string, action: string) => testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.subjectUserId, userId), eq(schema.auditLog.action, action)))

describe('editing one’s own account', () => {
  it('changes the name and phone, audited with what changed, and keeps the input when refused', async () => {
    const account = await registerPatientViaApi()
    const saved = await postForm('/account/details', account.cookie, { name: 'Pat Renamed', phone: '+44 20 7946 0001' })
    expect(saved.headers.get('location')).toBe('/account?saved=details')
    const page = await (await fetchApp('/account?saved=details', asBrowser(account.cookie))).text()
    expect(page).toContain('Your details are saved.')
    expect(page).toContain('value="Pat Renamed"')
    expect(page).toContain('value="+44 20 7946 0001"')
    expect((await auditOf(account.id, 'account.updated'))[0]!.metadata).toEqual({ fields: ['name', 'phone'] })
    const refused = await postForm('/account/details', account.cookie, { name: 'Pat\u202EdemaneR', phone: 'call me' })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('must be a phone number')
    expect((await userRow(account.id)).name).toBe('Pat Renamed')
  })

  it('moves the account to a new address only once the link sent there is opened, with the current password, telling the old one', async () => {
    const account = await registerPatientViaApi()
    const newEmail = `${unique('moved')}@example.test`
    const wrong = await postForm('/account/email', account.cookie, { email: newEmail, password: 'not my password' })
    expect(wrong.status).toBe(401)
    expect(await wrong.text()).toContain('That is not your current password.')
    const asked = await postForm('/account/email', account.cookie, { email: newEmail, password: PASSWORD })
    expect(asked.headers.get('location')).toBe('/account?saved=email')
    expect((await userRow(account.id)).email).toBe(account.email)
    expect((await latestEmailTo(account.email))!.textBody).toContain(`change its email address to ${newEmail}`)
    const link = (await latestEmailTo(newEmail))!.textBody
    const opened = await fetchApp(`/verify-email?token=${linkToken(link)}`)
    expect(opened.status).toBe(200)
    expect(await opened.text()).toContain('this is now the email address of your account')
    const row = await userRow(account.id)
    expect(row.email).toBe(newEmail)
    expect(row.emailVerifiedAt).not.toBeNull()
    expect(await auditOf(account.id, 'account.email_changed')).toHaveLength(1)
    // The link works once, and an address another account has is refused up front.
    expect((await fetchApp(`/verify-email?token=${linkToken(link)}`)).status).toBe(400)
    const other = await registerPatientViaApi()
    expect((await postForm('/account/email', other.cookie, { email: newEmail, password: PASSWORD })).status).toBe(409)
  })

  it('changes the password with the current one, signs out every other device and says so by email', async () => {
    const account = await registerPatientViaApi()
    const elsewhere = await tokenFor({ id: account.id, role: 'patient' })
    expect((await postForm('/account/password', account.cookie, { current_password: 'wrong', password: 'a brand new passphrase' })).status).toBe(401)
    const changed = await postForm('/account/password', account.cookie, { current_password: PASSWORD, password: 'a brand new passphrase' })
    expect(changed.headers.get('location')).toBe('/account?saved=password')
    expect((await callApi(elsewhere, '/api/v1/auth/me')).status).toBe(401)
    expect((await fetchApp('/account', asBrowser(account.cookie))).status).toBe(200)
    expect((await latestEmailTo(account.email))!.subject).toBe('Your MediConnect password was changed')
    const login = await fetchApp('/api/v1/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ email: account.email, password: 'a brand new passphrase' }) })
    expect(login.status).toBe(200)
    expect(await auditOf(account.id, 'auth.password.changed')).toHaveLength(1)
  })

  it('offers the same through the API', async () => {
    const account = await registerPatientViaApi()
    const renamed = await callApi(account.token, '/api/v1/auth/me', 'PATCH', { name: 'Api Renamed', phone: '' })
    expect(renamed.status).toBe(200)
    expect(((await renamed.json()) as { user: { name: string } }).user.name).toBe('Api Renamed')
    expect((await callApi(account.token, '/api/v1/auth/email/change', 'POST', { email: `${unique('api')}@example.test`, password: PASSWORD })).status).toBe(202)
    expect((await callApi(account.token, '/api/v1/auth/password/change', 'POST', { current_password: PASSWORD, password: 'short' })).status).toBe(400)
    expect((await callApi(account.token, '/api/v1/auth/password/change', 'POST', { current_password: PASSWORD, password: 'another long passphrase' })).status).toBe(204)
  })

  it('sends a patient the record of their own cancellation', async () => {
    const account = await registerPatientViaApi()
    const { doctor } = await createDoctor({}, { name: 'Dr. Told' })
    const appointment = await createAppointment(doctor.id, account.id, { startAt: new Date(Date.now() + 5 * 86_400_000) })
    expect((await postForm(`/appointments/${appointment.id}/cancel`, account.cookie, { confirmed: '1', reason: 'Travelling' })).status).toBe(303)
    const mail = await latestEmailTo(account.email)
    expect(mail!.subject).toBe('Appointment cancelled: Dr. Told')
    expect(mail!.textBody).toContain('You cancelled the appointment.')
  })
})
