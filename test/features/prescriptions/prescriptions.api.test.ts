import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { clinicAdminOf, createClinicAdmin, createDoctor, createUser } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { latestEmailTo, tokenFor } from '../../helpers/auth'
import { AMOXICILLIN, prescribingVisit } from '../../helpers/fixtures/prescriptions'

type Rx = { id: string; status: string; supersedes_id: string | null; superseded_by_id: string | null; items: typeof AMOXICILLIN[]; doctor: { name: string; license_number: string } }

const issue = (token: string, appointmentId: string, body: unknown) => callApi(token, `/api/v1/appointments/${appointmentId}/prescriptions`, 'POST', body)
const stored = async (patientId: string) => testDb().select().from(schema.prescriptions).where(eq(schema.prescriptions.patientId, patientId))

describe('prescriptions', () => {
  it('issues one for a visit, tells the patient by email without naming the drug, and reads back for both sides', async () => {
    const { appointment, doctorToken, patientToken, patient, doctor } = await prescribingVisit()
    const res = await issue(doctorToken, appointment.id, { items: [AMOXICILLIN, { ...AMOXICILLIN, drug: 'Ibuprofen', strength: '400 mg', quantity: 10, instructions: undefined }] })
    expect(res.status).toBe(201)
    const { prescription } = (await res.json()) as { prescription: Rx }
    expect(prescription).toMatchObject({ status: 'issued', supersedes_id: null, doctor: { name: 'Dr. Rx', license_number: doctor.licenseNumber } })
    expect(prescription.items).toEqual([AMOXICILLIN, { ...AMOXICILLIN, drug: 'Ibuprofen', strength: '400 mg', quantity: 10, instructions: '' }])

    const email = await latestEmailTo(patient.email)
    expect(email?.subject).toBe('Your prescription from Dr. Rx is ready')
    expect(email?.textBody).toContain(`/prescriptions/${prescription.id}`)
    expect(email?.textBody).not.toContain('Amoxicillin')

    expect(await (await callApi(patientToken, `/api/v1/prescriptions/${prescription.id}`)).json()).toMatchObject({ prescription: { id: prescription.id, items: [{ drug: 'Amoxicillin' }, { drug: 'Ibuprofen' }] } })
    const list = (await (await callApi(patientToken, '/api/v1/prescriptions')).json()) as { items: { id: string; item_count: number }[] }
    expect(list.items).toEqual([expect.objectContaining({ id: prescription.id, item_count: 2 })])
    expect(JSON.stringify(list)).not.toContain('Amoxicillin')
    expect(await (await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/prescriptions`)).json()).toMatchObject({ items: [{ id: prescription.id }] })
  })

  it('refuses missing fields and absurd quantities per field, storing nothing', async () => {
    const { appointment, doctorToken, patient } = await prescribingVisit()
    const res = await issue(doctorToken, appointment.id, { items: [{ ...AMOXICILLIN, quantity: 100_000 }, { ...AMOXICILLIN, drug: '', refills: -1, route: 'by mail' }] })
    expect(res.status).toBe(400)
    expect(await res.json()).toMatchObject({ error: { code: 'validation_failed', fields: { 'items.0.quantity': 'must be at most 1000', 'items.1.drug': 'is required', 'items.1.refills': 'cannot be negative', 'items.1.route': expect.stringContaining('must be one of') } } })
    expect((await issue(doctorToken, appointment.id, { items: [] })).status).toBe(400)
    expect((await issue(doctorToken, appointment.id, { items: [{ ...AMOXICILLIN, quantity: 2.5 }] })).status).toBe(400)
    expect(await stored(patient.id)).toEqual([])
  })

  it('is never edited: a correction supersedes the old one, once', async () => {
    const { appointment, doctorToken, patientToken } = await prescribingVisit()
    const first = ((await (await issue(doctorToken, appointment.id, { items: [AMOXICILLIN] })).json()) as { prescription: Rx }).prescription
    expect((await callApi(doctorToken, `/api/v1/prescriptions/${first.id}`, 'PUT', { items: [AMOXICILLIN] })).status).toBe(404)
    expect((await callApi(doctorToken, `/api/v1/prescriptions/${first.id}`, 'DELETE')).status).toBe(404)

    const corrected = await issue(doctorToken, appointment.id, { items: [{ ...AMOXICILLIN, quantity: 14 }], supersedes_id: first.id })
    expect(corrected.status).toBe(201)
    const second = ((await corrected.json()) as { prescription: Rx }).prescription
    expect(second.supersedes_id).toBe(first.id)
    expect(await (await callApi(patientToken, `/api/v1/prescriptions/${first.id}`)).json()).toMatchObject({ prescription: { status: 'superseded', superseded_by_id: second.id, items: [{ quantity: 21 }] } })
    const again = await issue(doctorToken, appointment.id, { items: [AMOXICILLIN], supersedes_id: first.id })
    expect(again.status).toBe(409)
    // Another doctor's prescription cannot be "corrected".
    const other = await prescribingVisit()
    expect((await issue(other.doctorToken, other.appointment.id, { items: [AMOXICILLIN], supersedes_id: second.id })).status).toBe(404)
  })

  it('needs a confirmed or completed visit and its own doctor', async () => {
    for (const status of ['pending', 'cancelled'] as const) {
      const { appointment, doctorToken } = await prescribingVisit(status)
      const res = await issue(doctorToken, appointment.id, { items: [AMOXICILLIN] })
      expect(res.status).toBe(409)
      expect(await res.json()).toMatchObject({ error: { code: 'invalid_transition' } })
    }
    const { appointment, patientToken } = await prescribingVisit()
    expect((await issue(patientToken, appointment.id, { items: [AMOXICILLIN] })).status).toBe(403)
    expect((await issue(await tokenFor((await createDoctor()).user), appointment.id, { items: [AMOXICILLIN] })).status).toBe(404)
  })

  it('is 404 to other doctors, other patients and support admins; one audit entry per read', async () => {
    const { appointment, doctorToken, patientToken, patient, doctor } = await prescribingVisit()
    const { prescription } = (await (await issue(doctorToken, appointment.id, { items: [AMOXICILLIN] })).json()) as { prescription: Rx }
    const strangers = [await tokenFor((await createDoctor()).user), await tokenFor(await createUser()), await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))]
    for (const token of strangers) {
      expect((await callApi(token, `/api/v1/prescriptions/${prescription.id}`)).status).toBe(404)
      expect((await callApi(token, `/api/v1/appointments/${appointment.id}/prescriptions`)).status).toBe(404)
      expect(((await (await callApi(token, '/api/v1/prescriptions')).json()) as { items: unknown[] }).items).toEqual([])
    }
    const readsOf = () => testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, prescription.id), eq(schema.auditLog.action, 'record.read')))
    // Issuing answered with the prescription: the doctor's read of it.
    expect(await readsOf()).toHaveLength(1)
    // Another clinic's admin does not know it exists; the doctor's clinic's admin reads it.
    expect((await callApi(await tokenFor(await createClinicAdmin()), `/api/v1/prescriptions/${prescription.id}`)).status).toBe(404)
    const clinic = await tokenFor(await clinicAdminOf(doctor.id))
    expect((await callApi(clinic, `/api/v1/prescriptions/${prescription.id}`)).status).toBe(200)
    await callApi(patientToken, `/api/v1/prescriptions/${prescription.id}`)
    const reads = await readsOf()
    expect(reads.map((r) => r.actorRole).sort()).toEqual(['admin', 'doctor', 'patient'])
    expect(reads.every((r) => r.subjectUserId === patient.id)).toBe(true)
  })

  it('keeps the items as ciphertext bound to the patient', async () => {
    const { appointment, doctorToken, patient } = await prescribingVisit()
    await issue(doctorToken, appointment.id, { items: [AMOXICILLIN] })
    const [rx] = await stored(patient.id)
    const items = await testDb().select().from(schema.prescriptionItems).where(eq(schema.prescriptionItems.prescriptionId, rx!.id))
    expect(items).toHaveLength(1)
    for (const value of ['Amoxicillin', '500 mg', 'three times a day', 'Take with food']) expect(items[0]!.contentCiphertext).not.toContain(value)
    expect(items[0]!.keyId).toBe(items[0]!.contentCiphertext.split('.')[1])
  })
})
