import { describe, expect, it } from 'vitest'
import { createDoctor, createUser } from '../helpers/factories'
import { callApi } from '../helpers/http'
import { tokenFor } from '../helpers/auth'

const fieldsOf = async (res: Response) => ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error

// A date that does not exist is refused, never rolled over into the next month; and every date
// stays within a range a person could mean.
describe('impossible and far-off dates', () => {
  it('refuses to book 31 November (it would have been 1 December)', async () => {
    const patient = await createUser({ role: 'patient' })
    const { doctor } = await createDoctor()
    const res = await callApi(await tokenFor(patient), '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: '2026-11-31T11:00:00Z', type: 'video', reason: 'Follow-up visit' })
    expect(res.status).toBe(400)
    expect((await fieldsOf(res)).fields).toHaveProperty('start')
  })

  it('refuses an instant a century away', async () => {
    const patient = await createUser({ role: 'patient' })
    const { doctor } = await createDoctor()
    const res = await callApi(await tokenFor(patient), '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: '2999-01-04T11:00:00Z', type: 'video', reason: 'Follow-up visit' })
    expect(res.status).toBe(400)
    expect((await fieldsOf(res)).fields).toHaveProperty('start')
  })

  it('refuses a birth date of 30 February', async () => {
    const patient = await createUser({ role: 'patient' })
    const res = await callApi(await tokenFor(patient), '/api/v1/patient/profile', 'PUT', { name: 'Pat Dates', date_of_birth: '2001-02-30' })
    expect(res.status).toBe(400)
    expect((await fieldsOf(res)).fields).toHaveProperty('date_of_birth')
  })

  it('refuses time off in the year 9999', async () => {
    const { user } = await createDoctor()
    const res = await callApi(await tokenFor(user), '/api/v1/doctor/time-off', 'POST', { start: '9999-01-01', end: '9999-01-02' })
    expect(res.status).toBe(400)
    expect((await fieldsOf(res)).fields).toHaveProperty('start')
  })
})
