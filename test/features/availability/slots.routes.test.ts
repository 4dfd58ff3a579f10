import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'

type SlotsBody = { timezone: string; slots: { start: string; end: string }[] }
const future = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10)

describe('GET /api/v1/doctors/:id/slots', () => {
  it('lists free slots on the asked dates, without the booked ones', async () => {
    const { doctor } = await createDoctor()
    await createAvailability(doctor.id)
    const day = future(10)
    const patient = await createUser()
    await testDb().insert(schema.appointments).values({
      patientId: patient.id, doctorId: doctor.id, startAt: new Date(`${day}T09:30:00Z`), endAt: new Date(`${day}T10:00:00Z`), type: 'video', reason: 'Check-up', status: 'confirmed',
    })
    const res = await fetchApp(`/api/v1/doctors/${doctor.id}/slots?from=${day}&to=${day}&tz=UTC`)
    expect(res.status).toBe(200)
    const body = (await res.json()) as SlotsBody
    expect(body.timezone).toBe('UTC')
    expect(body.slots.map((s) => s.start)).toEqual([`${day}T09:00:00Z`, `${day}T10:00:00Z`, `${day}T10:30:00Z`, `${day}T11:00:00Z`, `${day}T11:30:00Z`])
    expect(body.slots[0]!.end).toBe(`${day}T09:30:00Z`)
  })

  it('cuts the dates by the viewer’s calendar', async () => {
    const { doctor } = await createDoctor()
    await createAvailability(doctor.id, { startMinute: 0, endMinute: 60 })
    const day = future(10)
    const body = (await (await fetchApp(`/api/v1/doctors/${doctor.id}/slots?from=${day}&to=${day}&tz=America/New_York`)).json()) as SlotsBody
    // 00:00–01:00 UTC is the evening before in New York, so the asked day shows the next night's.
    expect(body.slots.every((s) => s.start.slice(0, 10) > day)).toBe(true)
    expect(body.slots).toHaveLength(2)
  })

  it('answers 404 for a doctor who is not verified, and for no doctor at all', async () => {
    const { doctor } = await createDoctor({ status: 'pending' })
    await createAvailability(doctor.id)
    expect((await fetchApp(`/api/v1/doctors/${doctor.id}/slots`)).status).toBe(404)
    expect((await fetchApp('/api/v1/doctors/doc_nobody/slots')).status).toBe(404)
  })

  it.each([
    ['from=2027-02-30', 'from'],
    ['from=tomorrow', 'from'],
    ['from=2027-03-10&to=2027-03-01', 'to'],
    ['from=2027-03-01&to=2027-04-15', 'to'],
    ['tz=Mars/Olympus', 'tz'],
  ])('answers %s with 400 naming the field', async (query, field) => {
    const { doctor } = await createDoctor()
    const res = await fetchApp(`/api/v1/doctors/${doctor.id}/slots?${query}`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(field)
  })
})
