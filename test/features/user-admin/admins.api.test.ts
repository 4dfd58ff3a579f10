import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createClinic, createUser, unique } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { cookieFor, postForm, tokenFor } from '../../helpers/auth'

const emailsTo = (address: string) => testDb().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, address))

describe('managing admins', () => {
  it('a super admin invites an admin, who is emailed a link to choose a password; nobody else may', async () => {
    const email = `${unique('admin')}@example.test`
    const body = { name: 'Ines Invited', email, admin_role: 'support' }
    expect((await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'support' })), '/api/v1/admin/users', 'POST', body)).status).toBe(403)
    const res = await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'super' })), '/api/v1/admin/users', 'POST', body)
    expect(res.status).toBe(201)
    expect(((await res.json()) as { user: { role: string; admin_role: string } }).user).toMatchObject({ role: 'admin', admin_role: 'support' })
    const [mail] = await emailsTo(email)
    expect(mail!.subject).toBe('You are invited to administer MediConnect')
    expect(mail!.textBody).toContain('/reset-password?invited=1&token=')
    expect((await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'super' })), '/api/v1/admin/users', 'POST', body)).status).toBe(409)
  })

  it('changes an admin’s sub-role with a reason, audited before and after; the page does it too', async () => {
    const superAdmin = await createUser({ role: 'admin', adminRole: 'super' })
    const target = await createUser({ role: 'admin', adminRole: 'support' })
    const token = await tokenFor(superAdmin)
    expect((await callApi(token, `/api/v1/admin/users/${target.id}/admin-role`, 'POST', { admin_role: 'clinic' })).status).toBe(400)
    // A clinic admin belongs to a clinic that exists.
    const clinic = await createClinic()
    const noClinic = await callApi(token, `/api/v1/admin/users/${target.id}/admin-role`, 'POST', { admin_role: 'clinic', reason: 'Runs the Berlin calendar now' })
    expect(((await noClinic.json()) as { error: { fields: Record<string, string> } }).error.fields.clinic_id).toBe('is required for a clinic admin')
    expect((await callApi(token, `/api/v1/admin/users/${target.id}/admin-role`, 'POST', { admin_role: 'clinic', clinic_id: 'cln_nowhere', reason: 'Runs the Berlin calendar now' })).status).toBe(400)
    expect((await callApi(token, `/api/v1/admin/users/${target.id}/admin-role`, 'POST', { admin_role: 'clinic', clinic_id: clinic.id, reason: 'Runs the Berlin calendar now' })).status).toBe(200)
    expect((await testDb().select({ clinicId: schema.users.clinicId }).from(schema.users).where(eq(schema.users.id, target.id)))[0]!.clinicId).toBe(clinic.id)
    const [entry] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, target.id), eq(schema.auditLog.action, 'admin.user.role_changed')))
    expect(entry!.metadata).toMatchObject({ before: { admin_role: 'support', clinic_id: null }, after: { admin_role: 'clinic', clinic_id: clinic.id } })
    const patient = await createUser({ role: 'patient' })
    expect((await callApi(token, `/api/v1/admin/users/${patient.id}/admin-role`, 'POST', { admin_role: 'support', reason: 'Not an admin' })).status).toBe(409)

    const viaPage = await postForm(`/admin/users/${target.id}/admin-role`, await cookieFor(superAdmin), { admin_role: 'support', reason: 'Back to support' })
    expect(viaPage.status).toBe(303)
    expect((await testDb().select().from(schema.users).where(eq(schema.users.id, target.id)))[0]!.adminRole).toBe('support')
  })

  it('removes a lost authenticator app and its recovery codes, and emails the person', async () => {
    const token = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const person = await createUser({ role: 'patient' })
    await testDb().batch([
      testDb().insert(schema.totpSecrets).values({ userId: person.id, secretCiphertext: 'sealed', keyId: 'k1', enabledAt: new Date() }),
      testDb().insert(schema.recoveryCodes).values({ userId: person.id, codeHash: 'h' }),
    ])
    expect((await callApi(token, `/api/v1/admin/users/${person.id}/reset-second-factor`, 'POST', { reason: 'Lost phone; identity checked by video' })).status).toBe(204)
    expect(await testDb().select().from(schema.totpSecrets).where(eq(schema.totpSecrets.userId, person.id))).toEqual([])
    expect(await testDb().select().from(schema.recoveryCodes).where(eq(schema.recoveryCodes.userId, person.id))).toEqual([])
    expect((await emailsTo(person.email)).map((m) => m.subject)).toEqual(['The second step of your MediConnect sign-in was removed'])
    expect((await callApi(token, `/api/v1/admin/users/${person.id}/reset-second-factor`, 'POST', { reason: 'Again' })).status).toBe(409)
    expect((await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'support' })), `/api/v1/admin/users/${person.id}/reset-second-factor`, 'POST', { reason: 'x'.repeat(5) })).status).toBe(403)
  })
})
