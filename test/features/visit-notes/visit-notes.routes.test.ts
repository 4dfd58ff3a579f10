import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'

const htmx = { 'HX-Request': 'true' }

async function visit(status: 'confirmed' | 'completed' = 'confirmed') {
  const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Page Notes' })
  const patient = await createUser({ name: 'Pia Page' })
  const appointment = await createAppointment(doctor.id, patient.id, { status })
  return { appointment, doctorCookie: await cookieFor(doctorUser), patientCookie: await cookieFor(patient) }
}

describe('the visit notes page', () => {
  it('autosaves a draft for htmx with a status line, saves the plain form with a redirect, and shows script as text', async () => {
    const { appointment, doctorCookie, patientCookie } = await visit()
    const page = `/appointments/${appointment.id}/notes`
    const editor = await (await fetchApp(page, asBrowser(doctorCookie))).text()
    expect(editor).toContain(`<form id="note-form-${appointment.id}"`)
    expect(editor).toContain('Not saved yet')

    const autosave = await postForm(page, doctorCookie, { subjective: '<script>alert(1)</script>', plan: 'Rest' }, htmx)
    expect(autosave.status).toBe(200)
    expect(await autosave.text()).toMatch(/^Saved /)

    const plain = await postForm(page, doctorCookie, { subjective: '<script>alert(1)</script>', plan: 'Rest and fluids' })
    expect(plain.status).toBe(303)
    expect(plain.headers.get('location')).toBe(`${page}?saved=1`)
    const reloaded = await (await fetchApp(`${page}?saved=1`, asBrowser(doctorCookie))).text()
    expect(reloaded).toContain('Rest and fluids')
    expect(reloaded).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(reloaded).not.toContain('<script>alert(1)</script>')

    // The patient sees no draft.
    expect(await (await fetchApp(page, asBrowser(patientCookie))).text()).toContain('will appear here once the visit is completed')
  })

  it('keeps what was typed when a field is too long, and says why in the autosave line', async () => {
    const { appointment, doctorCookie } = await visit()
    const page = `/appointments/${appointment.id}/notes`
    const refused = await postForm(page, doctorCookie, { subjective: 'kept words', diagnosis: 'd'.repeat(501) })
    expect(refused.status).toBe(422)
    const html = await refused.text()
    expect(html).toContain('kept words')
    expect(html).toContain('must be at most 500 characters')
    const line = await postForm(page, doctorCookie, { diagnosis: 'd'.repeat(501) }, htmx)
    expect(line.status).toBe(422)
    expect(await line.text()).toContain('Not saved: diagnosis must be at most 500 characters')
  })

  it('asks for a reason to amend a final note and shows the patient the summary', async () => {
    const { appointment, doctorCookie, patientCookie } = await visit('completed')
    const page = `/appointments/${appointment.id}/notes`
    // Autosave keeps it a draft even on a completed visit; the Finalise button makes it final.
    await postForm(page, doctorCookie, { diagnosis: 'Tension headache', patient_summary: 'Drink water, sleep more.' }, htmx)
    expect(await (await fetchApp(page, asBrowser(patientCookie))).text()).not.toContain('Tension headache')
    // Finalising asks once more (the draft is saved meanwhile); nothing is final until confirmed.
    const asked = await postForm(page, doctorCookie, { diagnosis: 'Tension headache', patient_summary: 'Drink water, sleep more.', finalize: '1' })
    expect(asked.status).toBe(200)
    expect(await asked.text()).toContain('Finalise the notes?')
    expect(await (await fetchApp(page, asBrowser(patientCookie))).text()).not.toContain('Tension headache')
    const finalized = await postForm(page, doctorCookie, { diagnosis: 'Tension headache', patient_summary: 'Drink water, sleep more.', finalize: '1', confirmed: '1' })
    expect(finalized.headers.get('location')).toBe(`${page}?finalized=1`)
    const final = await (await fetchApp(page, asBrowser(doctorCookie))).text()
    expect(final).toContain('Amend these notes')
    const noReason = await postForm(`${page}/amendments`, doctorCookie, { diagnosis: 'Migraine', patient_summary: 'Drink water.' })
    expect(noReason.status).toBe(422)
    expect(await noReason.text()).toContain('Migraine')
    const amended = await postForm(`${page}/amendments`, doctorCookie, { diagnosis: 'Migraine', patient_summary: 'Drink water.', reason: 'Typical aura described later' })
    expect(amended.status).toBe(303)
    const summary = await (await fetchApp(page, asBrowser(patientCookie))).text()
    expect(summary).toContain('Migraine')
    expect(summary).toContain('Drink water.')
    expect(summary).not.toContain('Typical aura')

    const stranger = await cookieFor(await createUser())
    expect((await fetchApp(page, asBrowser(stranger))).status).toBe(404)
    expect((await postForm(page, stranger, { plan: 'x' })).status).toBe(404)
  })
})

describe('notes with the patient’s safety facts', () => {
  it('shows the visit’s doctor the allergies and current medicines beside the notes, and not the patient', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const patient = await createUser()
    const appointment = await createAppointment(doctor.id, patient.id, { status: 'completed' })
    await testDb().insert(schema.allergies).values({ patientId: patient.id, substance: 'Latex', severity: 'moderate' })
    await testDb().insert(schema.medications).values({ patientId: patient.id, name: 'Levothyroxine', dose: '50 mcg' })
    const doctorPage = await (await fetchApp(`/appointments/${appointment.id}/notes`, asBrowser(await cookieFor(doctorUser)))).text()
    expect(doctorPage).toContain('Allergies and current medicines')
    expect(doctorPage).toMatch(/<strong>Latex<\/strong> — moderate/)
    expect(doctorPage).toMatch(/<strong>Levothyroxine<\/strong> — 50 mcg/)
    const patientPage = await (await fetchApp(`/appointments/${appointment.id}/notes`, asBrowser(await cookieFor(patient)))).text()
    expect(patientPage).not.toContain('Allergies and current medicines')
  })
})
