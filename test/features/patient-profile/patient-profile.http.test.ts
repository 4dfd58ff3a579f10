import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm, tokenFor } from '../../helpers/auth'

const PROFILE = {
  name: 'Priya Profile',
  phone: '+44 20 7946 0001',
  date_of_birth: '1986-04-12',
  sex: 'female',
  address_line1: '1 High Street',
  city: 'London',
  postal_code: 'N1 1AA',
  country: 'United Kingdom',
  emergency_contact_name: 'Raj',
  emergency_contact_phone: '+44 20 7946 0002',
  emergency_contact_relation: 'brother',
  insurance_provider: 'Acme Health',
  insurance_member_id: 'ACME-99887766',
  preferred_language: 'en',
  timezone: 'Europe/London',
}

describe('the patient profile', () => {
  it('is replaced and read back, with the insurance member number encrypted at rest', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    const res = await callApi(token, '/api/v1/patient/profile', 'PUT', PROFILE)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ profile: { ...PROFILE, id: patient.id, address_line2: null } })
    const [row] = await testDb().select().from(schema.patientProfiles).where(eq(schema.patientProfiles.userId, patient.id))
    expect(row!.insuranceMemberIdCiphertext).toMatch(/^v1\./)
    expect(row!.insuranceMemberIdCiphertext).not.toContain('99887766')
    expect(row!.keyId).toBe(row!.insuranceMemberIdCiphertext!.split('.')[1])
  })

  it('refuses bad values field by field and changes nothing', async () => {
    const patient = await createUser({ name: 'Unchanged Name' })
    const token = await tokenFor(patient)
    const res = await callApi(token, '/api/v1/patient/profile', 'PUT', { ...PROFILE, date_of_birth: '2999-01-01', timezone: 'Mars/Olympus', phone: 'call me', name: '' })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', fields: { date_of_birth: expect.any(String), timezone: expect.any(String), phone: expect.any(String), name: 'is required' } } })
    const [user] = await testDb().select().from(schema.users).where(eq(schema.users.id, patient.id))
    expect(user!.name).toBe('Unchanged Name')
    expect((await callApi(await tokenFor((await createDoctor()).user), '/api/v1/patient/profile')).status).toBe(403)
  })

  it('audits each read of it', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    await callApi(token, '/api/v1/patient/profile')
    await callApi(token, '/api/v1/patient/medical-history')
    const reads = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.subjectUserId, patient.id), eq(schema.auditLog.action, 'record.read')))
    expect(reads.map((r) => r.entityType).sort()).toEqual(['medical_history', 'patient_profile'])
  })
})

describe('the medical history', () => {
  it('adds and removes entries of each list and keeps a blood type', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    const allergy = await callApi(token, '/api/v1/patient/medical-history/allergies', 'POST', { substance: 'Penicillin', reaction: 'Hives', severity: 'severe' })
    expect(allergy.status).toBe(201)
    const { item } = (await allergy.json()) as { item: { id: string } }
    expect((await callApi(token, '/api/v1/patient/medical-history/medications', 'POST', { name: 'Salbutamol', dose: '2 puffs', started_on: '2020-01-01' })).status).toBe(201)
    expect((await callApi(token, '/api/v1/patient/medical-history/conditions', 'POST', { name: 'Asthma' })).status).toBe(201)
    expect((await callApi(token, '/api/v1/patient/medical-history/surgeries', 'POST', { procedure: 'Appendectomy', performed_on: '2001-06-30' })).status).toBe(201)
    expect((await callApi(token, '/api/v1/patient/medical-history/blood-type', 'PUT', { blood_type: 'O+' })).status).toBe(200)
    expect(await (await callApi(token, '/api/v1/patient/medical-history')).json()).toMatchObject({
      blood_type: 'O+',
      allergies: [{ id: item.id, substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }],
      medications: [{ name: 'Salbutamol', dose: '2 puffs', frequency: null, started_on: '2020-01-01' }],
      chronic_conditions: [{ name: 'Asthma' }],
      surgeries: [{ procedure: 'Appendectomy' }],
    })
    expect((await callApi(token, `/api/v1/patient/medical-history/allergies/${item.id}`, 'DELETE')).status).toBe(204)
    expect(((await (await callApi(token, '/api/v1/patient/medical-history')).json()) as { allergies: unknown[] }).allergies).toEqual([])
  })

  it('refuses bad entries, unknown lists and other people’s entries', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    const bad = await callApi(token, '/api/v1/patient/medical-history/allergies', 'POST', { substance: '', severity: 'deadly' })
    expect(bad.status).toBe(400)
    expect(await bad.json()).toMatchObject({ error: { fields: { substance: 'is required', severity: expect.any(String) } } })
    expect((await callApi(token, '/api/v1/patient/medical-history/hobbies', 'POST', { name: 'x' })).status).toBe(404)
    expect((await callApi(token, '/api/v1/patient/medical-history/blood-type', 'PUT', { blood_type: 'Z' })).status).toBe(400)
    const { item } = (await (await callApi(token, '/api/v1/patient/medical-history/allergies', 'POST', { substance: 'Latex' })).json()) as { item: { id: string } }
    const other = await tokenFor(await createUser())
    expect((await callApi(other, `/api/v1/patient/medical-history/allergies/${item.id}`, 'DELETE')).status).toBe(404)
    expect(await testDb().select().from(schema.allergies).where(eq(schema.allergies.id, item.id))).toHaveLength(1)
  })

  it('works as pages: htmx adds an entry with a fresh form, a plain form redirects, and script is shown as text', async () => {
    const patient = await createUser()
    const cookie = await cookieFor(patient)
    const added = await postForm('/record/history/allergies', cookie, { substance: '<img src=x onerror=alert(1)>', severity: 'mild' }, { 'HX-Request': 'true' })
    expect(added.status).toBe(200)
    const fragment = await added.text()
    expect(fragment).toContain('hx-swap-oob="beforeend:#list-allergies"')
    expect(fragment).toContain('&lt;img src=x onerror=alert(1)&gt;')
    expect(fragment).toContain('id="add-allergies"')

    const refused = await postForm('/record/history/medications', cookie, { name: '', dose: 'kept dose' })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('value="kept dose"')

    const plain = await postForm('/record/history/conditions', cookie, { name: 'Migraine' })
    expect(plain.status).toBe(303)
    const page = await (await fetchApp('/record/history', asBrowser(cookie))).text()
    expect(page).toContain('Migraine')
    expect(page).not.toContain('<img src=x')

    const profile = await postForm('/record/profile', cookie, { ...PROFILE, date_of_birth: 'not a date' })
    expect(profile.status).toBe(422)
    expect(await profile.text()).toContain('value="Acme Health"')
    expect((await postForm('/record/profile', cookie, PROFILE)).headers.get('location')).toBe('/record/profile?saved=1')
  })
})

describe('removing a history entry', () => {
  const htmx = { 'HX-Request': 'true' }
  async function patientWithAllergy() {
    const patient = await createUser()
    const [row] = await testDb().insert(schema.allergies).values({ patientId: patient.id, substance: 'Penicillin', reaction: 'Hives', severity: 'severe' }).returning()
    return { patient, allergy: row!, cookie: await cookieFor(patient) }
  }
  const allergiesOf = (patientId: string) => testDb().select().from(schema.allergies).where(eq(schema.allergies.patientId, patientId))

  it('asks first without JavaScript, then removes it and offers an Undo that brings it back', async () => {
    const { patient, allergy, cookie } = await patientWithAllergy()
    const page = await (await fetchApp('/record/history', asBrowser(cookie))).text()
    // With htmx the browser's dialog asks, and sends confirmed=1 with the form.
    expect(page).toContain('hx-confirm="Remove Penicillin (allergies) from your record?"')
    const asked = await postForm(`/record/history/allergies/${allergy.id}/delete`, cookie, {})
    expect(asked.status).toBe(200)
    expect(await asked.text()).toContain('Remove Penicillin (allergies) from your record?')
    expect(await allergiesOf(patient.id)).toHaveLength(1)

    const removed = await postForm(`/record/history/allergies/${allergy.id}/delete`, cookie, { confirmed: '1' })
    expect(removed.status).toBe(200)
    const html = await removed.text()
    expect(html).toContain('Removed Penicillin (allergies).')
    expect(await allergiesOf(patient.id)).toEqual([])
    const undo = Object.fromEntries([...html.matchAll(/<input type="hidden" name="(substance|reaction|severity|undo)" value="([^"]*)"\/>/g)].map((m) => [m[1]!, m[2]!]))
    expect(undo).toEqual({ substance: 'Penicillin', reaction: 'Hives', severity: 'severe', undo: '1' })
    expect((await postForm('/record/history/allergies', cookie, undo)).status).toBe(303)
    expect((await allergiesOf(patient.id)).map((a) => [a.substance, a.reaction, a.severity])).toEqual([['Penicillin', 'Hives', 'severe']])
  })

  it('with htmx, puts a "Removed" line with Undo in place of the entry, and Undo puts the entry back', async () => {
    const { patient, allergy, cookie } = await patientWithAllergy()
    const removed = await (await postForm(`/record/history/allergies/${allergy.id}/delete`, cookie, { confirmed: '1' }, htmx)).text()
    expect(removed).toMatch(/^<li id="history-[^"]+" class="muted" role="status">Removed Penicillin \(allergies\)\./)
    expect(removed).toContain('hx-post="/record/history/allergies"')
    const back = await (await postForm('/record/history/allergies', cookie, { substance: 'Penicillin', reaction: 'Hives', severity: 'severe', undo: '1' }, htmx)).text()
    expect(back).toMatch(/^<li id="history-alg_[a-z0-9]+"><strong>Penicillin<\/strong>/)
    expect(await allergiesOf(patient.id)).toHaveLength(1)
  })
})
