import { describe, expect, it } from 'vitest'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, tokenFor } from '../../helpers/auth'

// A patient with a completed visit that has a final note and a prescription, and some history.
async function treatedPatient() {
  const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Whole Record' })
  const patient = await createUser({ name: 'Walter Whole' })
  const appointment = await createAppointment(doctor.id, patient.id, { status: 'completed', startAt: new Date(Date.now() - 86_400_000), endAt: new Date(Date.now() - 84_600_000) })
  const doctorToken = await tokenFor(doctorUser)
  const patientToken = await tokenFor(patient)
  await callApi(patientToken, '/api/v1/patient/medical-history/allergies', 'POST', { substance: 'Peanuts', severity: 'severe' })
  await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/notes`, 'PUT', { assessment: 'Viral sinusitis', diagnosis: 'Sinusitis', patient_summary: 'Steam inhalation twice a day.', finalize: true })
  await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/prescriptions`, 'POST', { items: [{ drug: 'Xylometazoline', strength: '0.1%', dose: '1 spray', route: 'nasal', frequency: 'twice a day', duration: '5 days', quantity: 1, refills: 0 }] })
  return { patient, doctorUser, appointment, doctorToken, patientToken }
}

describe('the record as a whole', () => {
  it('gives the treating doctor the profile, history, their visits and prescriptions in one audited read', async () => {
    const { patient, doctorToken, appointment } = await treatedPatient()
    const res = await callApi(doctorToken, `/api/v1/doctor/patients/${patient.id}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({
      patient: { id: patient.id, name: 'Walter Whole' },
      medical_history: { allergies: [{ substance: 'Peanuts' }] },
      visits: [{ appointment_id: appointment.id, diagnosis: 'Sinusitis', assessment: 'Viral sinusitis' }],
      prescriptions: [{ appointment_id: appointment.id, item_count: 1 }],
      appointments: [{ id: appointment.id, status: 'completed' }],
    })
  })

  it('shows another doctor of the same patient nothing of this doctor’s visits', async () => {
    const { patient } = await treatedPatient()
    const { doctor, user } = await createDoctor()
    await createAppointment(doctor.id, patient.id)
    const body = (await (await callApi(await tokenFor(user), `/api/v1/doctor/patients/${patient.id}`)).json()) as { visits: unknown[]; prescriptions: unknown[]; medical_history: { allergies: unknown[] } }
    expect(body.visits).toEqual([])
    expect(body.prescriptions).toEqual([])
    expect(body.medical_history.allergies).toHaveLength(1)
  })

  it('renders the doctor’s page, and the patient’s overview and visits with the summary but not the clinical note', async () => {
    const { patient, doctorUser } = await treatedPatient()
    const doctorPage = await (await fetchApp(`/doctor/patients/${patient.id}`, asBrowser(await cookieFor(doctorUser)))).text()
    for (const text of ['Walter Whole', 'Peanuts', 'Viral sinusitis', 'Sinusitis']) expect(doctorPage).toContain(text)

    const cookie = await cookieFor(patient)
    const overview = await (await fetchApp('/record', asBrowser(cookie))).text()
    expect(overview).toContain('Peanuts')
    expect(overview).toContain('Steam inhalation twice a day.')
    const visits = await (await fetchApp('/record/visits', asBrowser(cookie))).text()
    expect(visits).toContain('Dr. Whole Record, 1 medicine')
    expect(visits).toContain('Sinusitis')
    expect(visits).not.toContain('Viral sinusitis')

    expect((await fetchApp(`/doctor/patients/${patient.id}`, asBrowser(await cookieFor((await createDoctor()).user)))).status).toBe(404)
  })
})
