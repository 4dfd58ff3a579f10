import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createClinic, createDoctor, createUser } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'
import { mayReadRecord } from '../../../src/core/record-access'

type Patient = { id: string; name: string; appointment_count: number; last_visit_at: string | null; next_appointment_at: string | null }
type Page<T> = { items: T[]; next_cursor: string | null }

async function json<T>(res: Response): Promise<T> {
  return (await res.json()) as T
}

const auditOf = (subjectUserId: string) => testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.subjectUserId, subjectUserId), eq(schema.auditLog.action, 'record.read')))

describe('a doctor’s patients', () => {
  it('lists everyone with an appointment with the doctor, not rejected requests or other doctors’ patients', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const past = await createUser({ name: 'Alma Past' })
    const future = await createUser({ name: 'Bruno Future' })
    const rejected = await createUser({ name: 'Carla Rejected' })
    const elsewhere = await createUser({ name: 'Dora Elsewhere' })
    await createAppointment(doctor.id, past.id, { startAt: new Date(Date.now() - 7 * 86_400_000), endAt: new Date(Date.now() - 7 * 86_400_000 + 1_800_000), status: 'completed' })
    await createAppointment(doctor.id, future.id, { status: 'confirmed' })
    await createAppointment(doctor.id, rejected.id, { status: 'rejected' })
    await createAppointment((await createDoctor()).doctor.id, elsewhere.id)

    const res = await callApi(await tokenFor(doctorUser), '/api/v1/doctor/patients')
    expect(res.status).toBe(200)
    const page = await json<Page<Patient>>(res)
    expect(page.items.map((p) => p.name)).toEqual(['Alma Past', 'Bruno Future'])
    expect(page.items[0]).toMatchObject({ appointment_count: 1, next_appointment_at: null })
    expect(page.items[0]!.last_visit_at).toMatch(/Z$/)
    expect(page.items[1]!.next_appointment_at).toMatch(/Z$/)
    expect(page.next_cursor).toBeNull()
  })

  it('searches by name or email and pages with an opaque cursor', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    for (const name of ['Ann Searchable', 'Bea Searchable', 'Cy Searchable', 'Dee Other']) {
      await createAppointment(doctor.id, (await createUser({ name })).id)
    }
    const token = await tokenFor(doctorUser)
    const first = await json<Page<Patient>>(await callApi(token, '/api/v1/doctor/patients?q=searchable&limit=2'))
    expect(first.items.map((p) => p.name)).toEqual(['Ann Searchable', 'Bea Searchable'])
    expect(first.next_cursor).toEqual(expect.any(String))
    const second = await json<Page<Patient>>(await callApi(token, `/api/v1/doctor/patients?q=searchable&limit=2&cursor=${first.next_cursor}`))
    expect(second.items.map((p) => p.name)).toEqual(['Cy Searchable'])
    expect(second.next_cursor).toBeNull()
    // A search term with LIKE wildcards matches them literally.
    expect((await json<Page<Patient>>(await callApi(token, '/api/v1/doctor/patients?q=%25'))).items).toEqual([])
  })

  it('refuses a bad cursor or limit with 400 and other roles with 403', async () => {
    const { user: doctorUser } = await createDoctor()
    const token = await tokenFor(doctorUser)
    expect((await callApi(token, '/api/v1/doctor/patients?cursor=not-a-cursor')).status).toBe(400)
    const tooMany = await callApi(token, '/api/v1/doctor/patients?limit=1000')
    expect(tooMany.status).toBe(400)
    expect(await tooMany.json()).toMatchObject({ error: { code: 'validation_failed', fields: { limit: expect.any(String) } } })
    expect((await callApi(await tokenFor(await createUser()), '/api/v1/doctor/patients')).status).toBe(403)
  })

  it('opens one patient’s record for a treating doctor, audited once per read, and 404 for any other doctor', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const patient = await createUser({ name: 'Rita Record' })
    const appointment = await createAppointment(doctor.id, patient.id)
    const res = await callApi(await tokenFor(doctorUser), `/api/v1/doctor/patients/${patient.id}`)
    expect(res.status).toBe(200)
    expect(await res.json()).toMatchObject({ patient: { id: patient.id, name: 'Rita Record' }, appointments: [{ id: appointment.id, status: 'confirmed' }] })
    const entries = await auditOf(patient.id)
    expect(entries).toHaveLength(1)
    expect(entries[0]).toMatchObject({ actorUserId: doctorUser.id, actorRole: 'doctor', entityType: 'patient_record', entityId: patient.id })

    const other = await createDoctor()
    const denied = await callApi(await tokenFor(other.user), `/api/v1/doctor/patients/${patient.id}`)
    expect(denied.status).toBe(404)
    expect(await denied.json()).toMatchObject({ error: { code: 'not_found' } })
    expect(await auditOf(patient.id)).toHaveLength(1)
  })
})

describe('who saw my record', () => {
  it('shows the patient each read by someone else, newest first, and not their own', async () => {
    const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Watcher' })
    const patient = await createUser()
    await createAppointment(doctor.id, patient.id)
    const doctorToken = await tokenFor(doctorUser)
    await callApi(doctorToken, `/api/v1/doctor/patients/${patient.id}`)
    await callApi(doctorToken, `/api/v1/doctor/patients/${patient.id}`)

    const patientToken = await tokenFor(patient)
    const res = await callApi(patientToken, '/api/v1/patient/access-log?limit=1')
    expect(res.status).toBe(200)
    const first = await json<Page<{ actor: { name: string; role: string }; action: string; entity_type: string; at: string }>>(res)
    expect(first.items).toEqual([expect.objectContaining({ actor: expect.objectContaining({ name: 'Dr. Watcher', role: 'doctor' }), action: 'record.read', entity_type: 'patient_record' })])
    const second = await json<Page<unknown>>(await callApi(patientToken, `/api/v1/patient/access-log?limit=1&cursor=${first.next_cursor}`))
    expect(second.items).toHaveLength(1)
    expect(second.next_cursor).toBeNull()

    // The page lists the same, and only to the patient.
    expect((await callApi(doctorToken, '/api/v1/patient/access-log')).status).toBe(403)
  })
})

describe('the record rule itself', () => {
  it('gives a clinic admin the record of a patient of their clinic, and no record for an account that is not a patient', async () => {
    const clinicId = (await createClinic()).id
    const clinic = { id: 'usr_clinic', role: 'admin' as const, adminRole: 'clinic' as const, clinicId, doctorId: null, doctorStatus: null, ip: null, userAgent: null, requestId: 'r' }
    const patient = await createUser()
    const { user: doctorUser, doctor } = await createDoctor({ clinicId })
    await createAppointment(doctor.id, patient.id)
    const readable = async (userId: string) =>
      (await testDb().select({ id: schema.users.id }).from(schema.users).where(and(eq(schema.users.id, userId), mayReadRecord(clinic, schema.users.id)))).length
    expect(await readable(patient.id)).toBe(1)
    expect(await readable(doctorUser.id)).toBe(0)
  })
})
