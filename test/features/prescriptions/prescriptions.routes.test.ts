import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'
import { prescribingVisit } from '../../helpers/fixtures/prescriptions'

const row = (i: number, fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`items.${i}.${k}`, v]))
const MEDICINE = { drug: 'Salbutamol', strength: '100 mcg', dose: '2 puffs', route: 'inhaled', frequency: 'when needed', duration: '30 days', quantity: '1', refills: '2', instructions: '<script>alert(1)</script> shake first' }

describe('the prescription pages', () => {
  it('issue from a plain form, skip blank rows, show the prescription and a printable page', async () => {
    const { appointment, doctorUser, patient, doctor } = await prescribingVisit()
    const doctorCookie = await cookieFor(doctorUser)
    const form = await (await fetchApp(`/appointments/${appointment.id}/prescriptions/new`, asBrowser(doctorCookie))).text()
    expect(form).toContain('New prescription for Paula Rx')
    // One row to start with; the route is chosen, never assumed.
    expect(form).toContain('name="items.0.drug"')
    expect(form).not.toContain('name="items.1.drug"')
    expect(form).toMatch(/<option value="" selected="">Choose…<\/option>/)
    expect(form).toContain('Allergies and current medicines')

    const issued = await postForm(`/appointments/${appointment.id}/prescriptions`, doctorCookie, { ...row(0, MEDICINE), ...row(1, { drug: '', route: 'oral', refills: '' }) })
    expect(issued.status).toBe(303)
    const location = issued.headers.get('location')!
    expect(location).toMatch(/^\/prescriptions\/rx_[a-z0-9]+\?issued=1$/)
    const id = location.split('/')[2]!.split('?')[0]!

    const patientCookie = await cookieFor(patient)
    const page = await (await fetchApp(`/prescriptions/${id}`, asBrowser(patientCookie))).text()
    expect(page).toContain('Salbutamol')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; shake first')
    expect(page).not.toContain('Correct this prescription')
    const print = await (await fetchApp(`/prescriptions/${id}/print`, asBrowser(patientCookie))).text()
    expect(print).toContain('Dr. Rx')
    expect(print).toContain(doctor.licenseNumber)
    expect(print).toContain('Paula Rx')
    expect(print).toContain('class="rx-print"')

    const stranger = await cookieFor(await createUser())
    expect((await fetchApp(`/prescriptions/${id}/print`, asBrowser(stranger))).status).toBe(404)
  })

  it('keeps what the doctor typed when a row is wrong, and stores nothing', async () => {
    const { appointment, doctorUser, patient } = await prescribingVisit()
    const res = await postForm(`/appointments/${appointment.id}/prescriptions`, await cookieFor(doctorUser), row(0, { ...MEDICINE, quantity: '100000', drug: 'Kept drug name' }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="Kept drug name"')
    expect(html).toContain('must be at most 1000')
    expect(await testDb().select().from(schema.prescriptions).where(eq(schema.prescriptions.patientId, patient.id))).toEqual([])
    const empty = await postForm(`/appointments/${appointment.id}/prescriptions`, await cookieFor(doctorUser), {})
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('add at least one medicine')
  })

  it('offers the doctor a correction that starts from the old prescription', async () => {
    const { appointment, doctorUser } = await prescribingVisit()
    const doctorCookie = await cookieFor(doctorUser)
    const issued = await postForm(`/appointments/${appointment.id}/prescriptions`, doctorCookie, row(0, MEDICINE))
    const id = issued.headers.get('location')!.split('/')[2]!.split('?')[0]!
    expect(await (await fetchApp(`/prescriptions/${id}`, asBrowser(doctorCookie))).text()).toContain('Correct this prescription')
    const correction = await (await fetchApp(`/appointments/${appointment.id}/prescriptions/new?supersedes=${id}`, asBrowser(doctorCookie))).text()
    expect(correction).toContain('value="Salbutamol"')
    expect(correction).toContain(`name="supersedes_id" value="${id}"`)
  })
})

describe('prescribing safely', () => {
  const AMOXICILLIN = { drug: 'Amoxicillin', strength: '500 mg', dose: '1 capsule', route: 'oral', frequency: 'three times a day', duration: '7 days', quantity: '21', refills: '0', instructions: '' }

  async function allergicPatientVisit() {
    const visit = await prescribingVisit()
    await testDb().insert(schema.allergies).values({ patientId: visit.patient.id, substance: 'Penicillin', reaction: 'anaphylaxis', severity: 'severe' })
    await testDb().insert(schema.medications).values({ patientId: visit.patient.id, name: 'Warfarin', dose: '5 mg', frequency: 'daily' })
    return visit
  }

  it('shows the allergies and current medicines beside the form, as an audited read', async () => {
    const { appointment, doctorUser, patient } = await allergicPatientVisit()
    const form = await (await fetchApp(`/appointments/${appointment.id}/prescriptions/new`, asBrowser(await cookieFor(doctorUser)))).text()
    expect(form).toMatch(/<strong>Penicillin<\/strong> — severe, anaphylaxis/)
    expect(form).toMatch(/<strong>Warfarin<\/strong> — 5 mg, daily/)
    const reads = await testDb().select().from(schema.auditLog).where(eq(schema.auditLog.subjectUserId, patient.id))
    expect(reads.some((r) => r.action === 'record.read' && r.entityType === 'medical_history' && r.actorUserId === doctorUser.id)).toBe(true)
  })

  it('adds rows on request and refuses a medicine without a route, keeping what was typed', async () => {
    const { appointment, doctorUser } = await prescribingVisit()
    const cookie = await cookieFor(doctorUser)
    const longer = await postForm(`/appointments/${appointment.id}/prescriptions/review`, cookie, { ...row(0, MEDICINE), add_row: '1' })
    expect(longer.status).toBe(200)
    const html = await longer.text()
    expect(html).toContain('value="Salbutamol"')
    expect(html).toContain('name="items.1.drug"')
    const noRoute = await postForm(`/appointments/${appointment.id}/prescriptions/review`, cookie, row(0, { ...MEDICINE, route: '' }))
    expect(noRoute.status).toBe(422)
    expect(await noRoute.text()).toContain('must be one of')
  })

  it('shows a review step before issuing, and issues nothing until it is confirmed', async () => {
    const { appointment, doctorUser, patient } = await prescribingVisit()
    const cookie = await cookieFor(doctorUser)
    const review = await postForm(`/appointments/${appointment.id}/prescriptions/review`, cookie, row(0, MEDICINE))
    expect(review.status).toBe(200)
    const html = await review.text()
    expect(html).toContain('Review the prescription for Paula Rx')
    expect(html).toContain('<input type="hidden" name="items.0.drug" value="Salbutamol"/>')
    expect(html).toContain('>Issue prescription</button>')
    expect(html).not.toContain('Allergy warning')
    expect(await testDb().select().from(schema.prescriptions).where(eq(schema.prescriptions.patientId, patient.id))).toEqual([])
    // "Change" goes back to the form with everything kept.
    const change = await postForm(`/appointments/${appointment.id}/prescriptions/review`, cookie, { ...row(0, MEDICINE), edit: '1' })
    expect(await change.text()).toContain('value="Salbutamol"')
  })

  it('warns of a penicillin allergy before amoxicillin, refuses to issue without a reason, and keeps the reason with the prescription', async () => {
    const { appointment, doctorUser, patient } = await allergicPatientVisit()
    const cookie = await cookieFor(doctorUser)
    const review = await (await postForm(`/appointments/${appointment.id}/prescriptions/review`, cookie, row(0, AMOXICILLIN))).text()
    expect(review).toContain('Allergy warning')
    expect(review).toContain('Amoxicillin is one of the penicillins, and the patient has a recorded allergy to Penicillin (severe, anaphylaxis).')
    expect(review).toContain('name="allergy_override_reason"')

    const refused = await postForm(`/appointments/${appointment.id}/prescriptions`, cookie, row(0, AMOXICILLIN))
    expect(refused.status).toBe(409)
    expect(await refused.text()).toContain('Give a reason to issue this prescription despite the allergy warning')
    expect(await testDb().select().from(schema.prescriptions).where(eq(schema.prescriptions.patientId, patient.id))).toEqual([])

    const issued = await postForm(`/appointments/${appointment.id}/prescriptions`, cookie, { ...row(0, AMOXICILLIN), allergy_override_reason: 'Tolerated amoxicillin in 2024 under observation' })
    expect(issued.status).toBe(303)
    const page = await (await fetchApp(issued.headers.get('location')!, asBrowser(await cookieFor(patient)))).text()
    expect(page).toContain('Issued despite an allergy warning')
    expect(page).toContain('Tolerated amoxicillin in 2024 under observation')
    // Kept encrypted, like the medicines.
    const [stored] = await testDb().select().from(schema.prescriptions).where(eq(schema.prescriptions.patientId, patient.id))
    expect(stored!.allergyOverrideCiphertext).not.toContain('Tolerated')
  })

  it('holds the API to the same rule: 409 allergy_warning with the warnings, 201 with a reason', async () => {
    const { appointment, doctorToken } = await allergicPatientVisit()
    const item = { ...AMOXICILLIN, quantity: 21, refills: 0 }
    const refused = await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/prescriptions`, 'POST', { items: [item] })
    expect(refused.status).toBe(409)
    const body = (await refused.json()) as { error: { code: string; warnings: { drug: string; allergy: string; kind: string; drug_class: string }[] } }
    expect(body.error.code).toBe('allergy_warning')
    expect(body.error.warnings).toEqual([expect.objectContaining({ drug: 'Amoxicillin', allergy: 'Penicillin', kind: 'same class', drug_class: 'penicillins' })])
    const issued = await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/prescriptions`, 'POST', { items: [item], allergy_override_reason: 'Skin test negative' })
    expect(issued.status).toBe(201)
    const { prescription } = (await issued.json()) as { prescription: { allergy_override: { reason: string; warnings: unknown[] } } }
    expect(prescription.allergy_override.reason).toBe('Skin test negative')
    expect(prescription.allergy_override.warnings).toHaveLength(1)
  })
})
