import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { sweepWaitlists } from '../../../src/features/availability/offers'
import { testDb } from '../../helpers/db'
import { clinicAdminOf, createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'
import { jobContext } from '../../helpers/jobs'
import { runOutOffers } from '../waitlist/helpers'

const day = new Date(Date.now() + 8 * 86_400_000).toISOString().slice(0, 10)
const at = (time: string) => `${day}T${time}:00Z`
type Request = { id: string; status: string; problem: string; proposal: { start: string } | null; appointment_id: string | null }

async function asked() {
  const { doctor, user } = await createDoctor()
  await createAvailability(doctor.id)
  const patient = await createUser({ role: 'patient', name: 'Quinn Query' })
  const token = await tokenFor(patient)
  const res = await callApi(token, '/api/v1/consultation-requests', 'POST', { doctor_id: doctor.id, type: 'video', problem: 'A rash on both arms for two weeks', preferred_times: 'Weekday mornings' })
  expect(res.status).toBe(201)
  const { request } = (await res.json()) as { request: Request }
  return { doctor, doctorToken: await tokenFor(user), patient, token, request }
}

const requestsOf = async (token: string) => ((await (await callApi(token, '/api/v1/consultation-requests')).json()) as { items: Request[] }).items

describe('consultation requests', () => {
  it('lets the doctor turn a request into a held time that the patient confirms (booked)', async () => {
    const { doctor, doctorToken, token, request } = await asked()
    expect(request).toMatchObject({ status: 'open', problem: 'A rash on both arms for two weeks', proposal: null })
    const [row] = await testDb().select().from(schema.consultationRequests).where(eq(schema.consultationRequests.id, request.id))
    expect(row!.problemSealed).not.toContain('rash')

    const inbox = ((await (await callApi(doctorToken, '/api/v1/consultation-requests/inbox')).json()) as { items: Request[] }).items
    expect(inbox.map((r) => r.problem)).toEqual(['A rash on both arms for two weeks'])
    const audited = await testDb().select().from(schema.auditLog).where(eq(schema.auditLog.entityId, request.id))
    expect(audited.map((a) => a.action)).toContain('consultation_request.read')

    expect((await callApi(doctorToken, `/api/v1/consultation-requests/${request.id}/propose`, 'POST', { start: at('09:30') })).status).toBe(204)
    expect((await requestsOf(token))[0]).toMatchObject({ status: 'proposed', proposal: { start: at('09:30') } })
    // Held for the patient: nobody else can book it meanwhile.
    const rival = await tokenFor(await createUser({ role: 'patient' }))
    expect((await callApi(rival, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: at('09:30'), type: 'video', reason: 'Anything' })).status).toBe(409)
    // Proposing another time releases the first.
    expect((await callApi(doctorToken, `/api/v1/consultation-requests/${request.id}/propose`, 'POST', { start: at('10:00') })).status).toBe(204)
    expect((await callApi(rival, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: at('09:30'), type: 'video', reason: 'Anything' })).status).toBe(201)

    const confirmed = await callApi(token, `/api/v1/consultation-requests/${request.id}/confirm`, 'POST')
    expect(confirmed.status).toBe(201)
    const { appointment } = (await confirmed.json()) as { appointment: { id: string; start: string; reason: string } }
    expect(appointment).toMatchObject({ start: at('10:00'), reason: 'A rash on both arms for two weeks' })
    expect((await requestsOf(token))[0]).toMatchObject({ status: 'booked', appointment_id: appointment.id })
    expect((await callApi(token, `/api/v1/consultation-requests/${request.id}/confirm`, 'POST')).status).toBe(409)
  })

  it('keeps requests to their doctor and clinic; a decline closes it with the reason', async () => {
    const { doctor, request, token } = await asked()
    const other = await createDoctor()
    await createAvailability(other.doctor.id)
    const otherToken = await tokenFor(other.user)
    expect((await callApi(otherToken, `/api/v1/consultation-requests/${request.id}/propose`, 'POST', { start: at('09:00') })).status).toBe(404)
    expect(((await (await callApi(otherToken, '/api/v1/consultation-requests/inbox')).json()) as { items: unknown[] }).items).toEqual([])
    expect((await callApi(token, `/api/v1/consultation-requests/${request.id}/propose`, 'POST', { start: at('09:00') })).status).toBe(403)

    const clinic = await tokenFor(await clinicAdminOf(doctor.id))
    expect((await callApi(clinic, `/api/v1/consultation-requests/${request.id}/decline`, 'POST', {})).status).toBe(400)
    expect((await callApi(clinic, `/api/v1/consultation-requests/${request.id}/decline`, 'POST', { reason: 'Please see a dermatologist in person' })).status).toBe(204)
    expect((await requestsOf(token))[0]).toMatchObject({ status: 'declined' })
    expect((await callApi(clinic, `/api/v1/consultation-requests/${request.id}/decline`, 'POST', { reason: 'Again' })).status).toBe(409)
  })

  it('reopens a request whose proposed time expired untaken, and lets the patient withdraw', async () => {
    const { doctorToken, request, token } = await asked()
    expect((await callApi(doctorToken, `/api/v1/consultation-requests/${request.id}/propose`, 'POST', { start: at('11:00') })).status).toBe(204)
    await runOutOffers({ requestId: request.id })
    await sweepWaitlists(jobContext(new Date()))
    expect((await requestsOf(token))[0]).toMatchObject({ status: 'open', proposal: null })
    expect((await callApi(token, `/api/v1/consultation-requests/${request.id}/confirm`, 'POST')).status).toBe(409)
    expect((await callApi(token, `/api/v1/consultation-requests/${request.id}/withdraw`, 'POST')).status).toBe(200)
    expect((await requestsOf(token))[0]).toMatchObject({ status: 'withdrawn' })
  })
})
