import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { clinicAdminOf, createAppointment, createClinicAdmin, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

const SOAP = {
  subjective: 'Cough for two weeks, worse at night',
  objective: 'Temperature 37.9, wheeze on the left',
  assessment: 'Probable acute bronchitis',
  plan: 'Fluids, rest, review in one week',
  diagnosis: 'Acute bronchitis',
  patient_summary: 'You most likely have bronchitis. Rest and drink plenty.',
}

async function visit(status: 'confirmed' | 'completed' | 'pending' = 'confirmed') {
  const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Notes' })
  const patient = await createUser({ name: 'Nora Notes' })
  const appointment = await createAppointment(doctor.id, patient.id, { status })
  return { doctor, appointment, patient, doctorToken: await tokenFor(doctorUser), patientToken: await tokenFor(patient), doctorUser }
}

const path = (id: string) => `/api/v1/appointments/${id}/notes`
const readsOf = (appointmentId: string) =>
  testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, appointmentId), eq(schema.auditLog.action, 'record.read'), eq(schema.auditLog.entityType, 'visit_note')))

describe('visit notes', () => {
  it('saves a draft again and again, hides it from the patient, and finalises it with the visit', async () => {
    const { appointment, doctorToken, patientToken } = await visit()
    expect((await callApi(doctorToken, path(appointment.id), 'PUT', { subjective: 'first words' })).status).toBe(200)
    const saved = await callApi(doctorToken, path(appointment.id), 'PUT', SOAP)
    expect(await saved.json()).toMatchObject({ status: 'draft' })
    expect(await (await callApi(doctorToken, path(appointment.id))).json()).toMatchObject({ can_write: true, note: { ...SOAP, status: 'draft', amendments: [] } })
    expect(await (await callApi(patientToken, path(appointment.id))).json()).toEqual({ note: null })

    expect((await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/complete`, 'POST')).status).toBe(200)
    const forPatient = (await (await callApi(patientToken, path(appointment.id))).json()) as { note: Record<string, unknown> }
    expect(forPatient.note).toMatchObject({ summary: SOAP.patient_summary, diagnosis: SOAP.diagnosis, finalized_at: expect.stringMatching(/Z$/) })
    // The patient's view carries nothing but the summary and the diagnosis.
    expect(JSON.stringify(forPatient)).not.toContain(SOAP.assessment)

    const overwrite = await callApi(doctorToken, path(appointment.id), 'PUT', { ...SOAP, plan: 'changed silently' })
    expect(overwrite.status).toBe(409)
    expect(await overwrite.json()).toMatchObject({ error: { code: 'conflict' } })
  })

  it('amends a final note, keeping the previous version and the reason', async () => {
    const { appointment, doctorToken } = await visit('completed')
    // Notes first written after the visit stay a draft (autosave) until the doctor finalises them.
    expect(await (await callApi(doctorToken, path(appointment.id), 'PUT', SOAP)).json()).toMatchObject({ status: 'draft' })
    expect(await (await callApi(doctorToken, path(appointment.id), 'PUT', { ...SOAP, finalize: true })).json()).toMatchObject({ status: 'final' })
    const missingReason = await callApi(doctorToken, `${path(appointment.id)}/amendments`, 'POST', { ...SOAP, plan: 'Antibiotics' })
    expect(missingReason.status).toBe(400)
    expect(await missingReason.json()).toMatchObject({ error: { code: 'validation_failed', fields: { reason: expect.any(String) } } })

    const amended = await callApi(doctorToken, `${path(appointment.id)}/amendments`, 'POST', { ...SOAP, plan: 'Antibiotics for seven days', reason: 'Culture came back positive' })
    expect(amended.status).toBe(201)
    const body = (await amended.json()) as { note: { plan: string; amendments: { reason: string; author: string; previous: { plan: string } }[] } }
    expect(body.note.plan).toBe('Antibiotics for seven days')
    expect(body.note.amendments).toEqual([expect.objectContaining({ reason: 'Culture came back positive', author: 'Dr. Notes', previous: expect.objectContaining({ plan: SOAP.plan }) })])
  })

  it('refuses drafts on visits that are not confirmed, overlong fields, and writers who are not the visit’s doctor', async () => {
    const pending = await visit('pending')
    expect((await callApi(pending.doctorToken, path(pending.appointment.id), 'PUT', SOAP)).status).toBe(409)
    const early = await visit('confirmed')
    const finalizeEarly = await callApi(early.doctorToken, path(early.appointment.id), 'PUT', { ...SOAP, finalize: true })
    expect(finalizeEarly.status).toBe(409)
    expect(await finalizeEarly.json()).toMatchObject({ error: { code: 'invalid_transition' } })

    const { appointment, doctorToken, patientToken } = await visit()
    const tooLong = await callApi(doctorToken, path(appointment.id), 'PUT', { subjective: 'x'.repeat(10_001) })
    expect(tooLong.status).toBe(400)
    expect(await tooLong.json()).toMatchObject({ error: { code: 'validation_failed', fields: { subjective: expect.any(String) } } })
    expect((await callApi(patientToken, path(appointment.id), 'PUT', SOAP)).status).toBe(403)
    expect(await testDb().select().from(schema.visitNotes).where(eq(schema.visitNotes.appointmentId, appointment.id))).toEqual([])
  })

  it('is 404 to other doctors, other patients, support admins and other clinics, and readable by the clinic’s admin', async () => {
    const { appointment, doctorToken, doctor } = await visit()
    await callApi(doctorToken, path(appointment.id), 'PUT', SOAP)
    const otherDoctor = await tokenFor((await createDoctor()).user)
    const otherPatient = await tokenFor(await createUser())
    const support = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const otherClinic = await tokenFor(await createClinicAdmin())
    for (const token of [otherDoctor, otherPatient, support, otherClinic]) {
      const res = await callApi(token, path(appointment.id))
      expect(res.status).toBe(404)
      expect((await callApi(token, path(appointment.id), 'PUT', SOAP)).status).toBe(404)
    }
    const clinic = await tokenFor(await clinicAdminOf(doctor.id))
    expect(await (await callApi(clinic, path(appointment.id))).json()).toMatchObject({ can_write: false, note: { assessment: SOAP.assessment } })
    expect((await fetchApp(path(appointment.id))).status).toBe(401)
  })

  it('writes one audit entry per read, none for a refused read', async () => {
    const { appointment, doctorToken, patientToken, doctorUser } = await visit()
    await callApi(doctorToken, path(appointment.id), 'PUT', SOAP)
    await callApi(doctorToken, path(appointment.id))
    await callApi(patientToken, path(appointment.id))
    await callApi(await tokenFor((await createDoctor()).user), path(appointment.id))
    const reads = await readsOf(appointment.id)
    expect(reads.map((r) => r.actorUserId).sort()).toEqual([doctorUser.id, appointment.patientId].sort())
  })

  it('stores the note as ciphertext bound to the patient, with its key id', async () => {
    const { appointment, doctorToken } = await visit()
    await callApi(doctorToken, path(appointment.id), 'PUT', SOAP)
    const [row] = await testDb().select().from(schema.visitNotes).where(eq(schema.visitNotes.appointmentId, appointment.id))
    expect(row!.contentCiphertext).toMatch(/^v1\.[A-Za-z0-9_-]+\./)
    expect(row!.keyId).toBe(row!.contentCiphertext.split('.')[1])
    for (const value of Object.values(SOAP)) expect(row!.contentCiphertext).not.toContain(value)
    expect(row!.contentCiphertext).not.toContain('bronchitis')
  })
})
