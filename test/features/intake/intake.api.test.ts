import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAvailability, createClinicAdmin, createDoctor, createSpecialty, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, tokenFor } from '../../helpers/auth'

const day = new Date(Date.now() + 9 * 86_400_000).toISOString().slice(0, 10)
const at = (time: string) => `${day}T${time}:00Z`
const CHEST = 'Chest pain or pressure'

async function bookableDoctor(autoConfirm = true) {
  const { doctor, user } = await createDoctor()
  await createAvailability(doctor.id, { autoConfirm })
  return { doctor, doctorToken: await tokenFor(user), doctorCookie: await cookieFor(user) }
}

const intake = { symptoms: ['Headache', 'Dizziness'], description: 'Pressure behind the eyes since Monday', onset: 'days', severity: 7, medicines: 'Ibuprofen 400 mg', red_flags: [CHEST] }

describe('the booking questionnaire', () => {
  it('seals the answers, marks a red flag urgent with emergency guidance, and lets only the visit’s people read them (audited)', async () => {
    const { doctor, doctorToken } = await bookableDoctor()
    const patient = await createUser({ role: 'patient' })
    const token = await tokenFor(patient)
    const res = await callApi(token, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: at('09:30'), type: 'video', reason: 'Headaches', intake })
    expect(res.status).toBe(201)
    const body = (await res.json()) as { appointment: { id: string; urgent: boolean; has_intake: boolean }; triage: { red_flag: boolean; emergency_number: string; crisis_lines: string } }
    expect(body.appointment).toMatchObject({ urgent: true, has_intake: true })
    expect(body.triage).toMatchObject({ red_flag: true, emergency_number: '112', crisis_lines: expect.stringContaining('crisis line') })
    const id = body.appointment.id

    // At rest: sealed, nothing readable.
    const [row] = await testDb().select().from(schema.appointmentIntakes).where(eq(schema.appointmentIntakes.appointmentId, id))
    expect(row!.redFlag).toBe(true)
    for (const plain of ['Chest', 'Ibuprofen', 'Pressure behind']) expect(row!.answersSealed).not.toContain(plain)

    const read = async (who: string) => callApi(who, `/api/v1/appointments/${id}/intake`)
    const mine = await read(token)
    expect(mine.status).toBe(200)
    expect(((await mine.json()) as { intake: unknown }).intake).toMatchObject({ ...intake, red_flag: true })
    expect((await read(doctorToken)).status).toBe(200)
    const otherDoctor = await createDoctor()
    expect((await read(await tokenFor(otherDoctor.user))).status).toBe(404)
    expect((await read(await tokenFor(await createUser({ role: 'admin', adminRole: 'support' })))).status).toBe(404)
    const audit = await testDb().select({ actor: schema.auditLog.actorUserId }).from(schema.auditLog).where(and(eq(schema.auditLog.action, 'intake.read'), eq(schema.auditLog.entityId, id)))
    expect(audit.map((a) => a.actor).sort()).toEqual([patient.id, (await testDb().select().from(schema.doctors).where(eq(schema.doctors.id, doctor.id)))[0]!.userId].sort())
  })

  it('refuses answers that are not on the doctor’s questionnaire', async () => {
    const { doctor } = await bookableDoctor()
    const token = await tokenFor(await createUser({ role: 'patient' }))
    const res = await callApi(token, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: at('10:00'), type: 'video', reason: 'Headaches', intake: { symptoms: ['Made up'] } })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(['intake.symptoms'])
    const severe = await callApi(token, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: at('10:00'), type: 'video', reason: 'Headaches', intake: { severity: 11 } })
    expect(severe.status).toBe(400)
  })

  it('shows emergency guidance before anything else with JavaScript off, then books on, urgent and first in the doctor’s requests', async () => {
    const { doctor, doctorCookie } = await bookableDoctor(false)
    const patient = await createUser({ role: 'patient', name: 'Rita Redflag' })
    const cookie = await cookieFor(patient)
    const form = (fields: Record<string, string>) =>
      fetchApp(`/doctors/${doctor.id}/book`, asBrowser(cookie, { method: 'POST', body: new URLSearchParams({ start: at('11:00'), type: 'video', reason: 'Tight chest', idempotency_key: crypto.randomUUID(), timezone: 'UTC', symptom_0: 'Fever', red_flag_0: CHEST, ...fields }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
    const first = await form({})
    expect(first.status).toBe(200)
    const page = await first.text()
    // The advice leads the page, before the form, with the configured number; answers are kept.
    expect(page.indexOf('call <a href="tel:112">112</a>')).toBeGreaterThan(-1)
    expect(page.indexOf('you may need urgent help')).toBeLessThan(page.indexOf('id="booking-form"'))
    expect(page).toContain('Continue booking')
    expect(page).toMatch(/name="red_flag_0" value="Chest pain or pressure" checked/)
    expect(await testDb().select().from(schema.appointments).where(eq(schema.appointments.patientId, patient.id))).toEqual([])

    const booked = await form({ red_flag_seen: '1' })
    expect(booked.status).toBe(303)
    expect(booked.headers.get('location')).toMatch(/requested=1&urgent=1$/)
    // An ordinary request for an earlier time: the urgent one still comes first for the doctor.
    const other = await tokenFor(await createUser({ role: 'patient', name: 'Olly Ordinary' }))
    expect((await callApi(other, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: at('09:00'), type: 'video', reason: 'Routine check' })).status).toBe(201)
    const practice = await (await fetchApp('/doctor', asBrowser(doctorCookie))).text()
    expect(practice.indexOf('Rita Redflag')).toBeLessThan(practice.indexOf('Olly Ordinary'))
    expect(practice).toContain('Urgent')
  })

  it('lets a super admin edit a specialty’s questions (audited); the booking page asks them', async () => {
    const specialty = await createSpecialty()
    const { doctor } = await createDoctor({ specialtyId: specialty.id })
    await createAvailability(doctor.id)
    const admin = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const saved = await callApi(admin, `/api/v1/admin/specialties/${specialty.id}/intake`, 'PUT', { symptoms: ['Itching', 'Redness'], red_flags: ['Swelling of the lips or tongue'] })
    expect(saved.status).toBe(200)
    expect((await callApi(admin, `/api/v1/admin/specialties/${specialty.id}/intake`, 'PUT', { symptoms: [], red_flags: ['x'] })).status).toBe(400)
    expect((await callApi(await tokenFor(await createClinicAdmin()), `/api/v1/admin/specialties/${specialty.id}/intake`)).status).toBe(403)
    const cookie = await cookieFor(await createUser({ role: 'patient' }))
    const page = await (await fetchApp(`/doctors/${doctor.id}/book?start=${at('09:00')}`, asBrowser(cookie))).text()
    expect(page).toContain('Swelling of the lips or tongue')
    expect(page).toContain('Itching')
    const audit = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'specialty.intake_updated'), eq(schema.auditLog.entityId, specialty.id)))
    expect(audit).toHaveLength(1)
  })
})
