import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../src/db/schema'
import { testDb } from '../helpers/db'
import { createDoctor, createSpecialty, createUser } from '../helpers/factories'
import { fetchApp, ORIGIN } from '../helpers/http'
import { asBrowser, cookieFor, latestEmailTo, PASSWORD, postForm, registerPatientViaApi } from '../helpers/auth'

// People read words, not the codes the database keeps: languages by name, dates written out,
// stored codes as words, devices described.
describe('words on screen, not codes', () => {
  it('shows a patient’s record in words: sex, dates, language and zone', async () => {
    const patient = await createUser({ name: 'Words Patient' })
    await testDb().insert(schema.patientProfiles).values({ userId: patient.id, sex: 'prefer_not_to_say', dateOfBirth: '1988-09-14', preferredLanguage: 'es', timezone: 'America/New_York' })
    await testDb().insert(schema.medications).values({ patientId: patient.id, name: 'Metformin', startedOn: '2020-03-01' })
    const html = await (await fetchApp('/record', asBrowser(await cookieFor(patient)))).text()
    expect(html).toContain('<dd>Prefer not to say</dd>')
    expect(html).toContain('<dd>14 September 1988</dd>')
    expect(html).toContain('Spanish; times in America/New York')
    expect(html).toContain('since 1 March 2020')
    expect(html).not.toContain('2020-03-01')
  })

  it('lets a doctor pick the languages they consult in from a list, by name', async () => {
    const { doctor, user } = await createDoctor()
    const specialty = await createSpecialty()
    const cookie = await cookieFor(user)
    const form = await (await fetchApp('/doctor/profile', asBrowser(cookie))).text()
    expect(form).toContain('name="lang_es" value="on"/> Spanish')
    const saved = await postForm('/doctor/profile', cookie, { specialty_id: specialty.id, fee: '45', currency: 'EUR', type_video: 'on', duration_video: '30', lang_es: 'on', lang_de: 'on' })
    expect(saved.status).toBe(303)
    const languages = await testDb().select().from(schema.doctorLanguages).where(eq(schema.doctorLanguages.doctorId, doctor.id))
    expect(languages.map((l) => l.language).sort()).toEqual(['de', 'es'])
    expect(await (await fetchApp(`/doctors/${doctor.id}`)).text()).toContain('German, Spanish')
  })

  it('writes the new-sign-in email’s time in the reader’s zone and names the device', async () => {
    const account = await registerPatientViaApi()
    await testDb().update(schema.patientProfiles).set({ timezone: 'Asia/Tokyo' }).where(eq(schema.patientProfiles.userId, account.id))
    const ua = 'Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36'
    await fetchApp('/login', { method: 'POST', redirect: 'manual', headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', 'user-agent': ua }, body: new URLSearchParams({ email: account.email, password: PASSWORD }).toString() })
    const mail = await latestEmailTo(account.email)
    expect(mail!.subject).toBe('New sign-in to your MediConnect account')
    expect(mail!.textBody).toMatch(/at [A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2} (AM|PM) \(Asia\/Tokyo\) from Chrome on Android/)
    expect(mail!.textBody).not.toContain('Mozilla/5.0')
  })
})
