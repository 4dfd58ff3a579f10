import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

type ErrorBody = { error: { code: string; alternatives?: { start: string }[]; fields?: Record<string, string> } }
const day = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
const at = (time: string) => `${day}T${time}:00Z`

async function bookableDoctor(options: Parameters<typeof createAvailability>[1] = {}) {
  const { doctor, user } = await createDoctor()
  await createAvailability(doctor.id, options)
  return { doctor, user }
}

async function patientToken() {
  return tokenFor(await createUser({ role: 'patient' }))
}

function book(token: string, body: Record<string, unknown>, headers: Record<string, string> = {}) {
  return fetchApp('/api/v1/appointments', {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, ...headers },
    body: JSON.stringify(body),
  })
}

describe('POST /api/v1/appointments', () => {
  it('books a free slot and answers with the appointment', async () => {
    const { doctor, user } = await bookableDoctor()
    const res = await book(await patientToken(), { doctor_id: doctor.id, start: at('09:30'), type: 'video', reason: 'A cough for two weeks' })
    expect(res.status).toBe(201)
    const { appointment } = (await res.json()) as { appointment: Record<string, unknown> }
    expect(appointment).toMatchObject({
      id: expect.stringMatching(/^apt_/),
      doctor: { id: doctor.id, name: user.name, specialty: expect.any(String) },
      start: at('09:30'),
      end: at('10:00'),
      type: 'video',
      reason: 'A cough for two weeks',
      status: 'confirmed',
    })
    const events = await testDb().select().from(schema.appointmentEvents).where(eq(schema.appointmentEvents.appointmentId, appointment.id as string))
    expect(events.map((e) => e.toStatus)).toEqual(['confirmed'])
  })

  it('leaves the request pending when the doctor accepts by hand', async () => {
    const { doctor } = await bookableDoctor({ autoConfirm: false })
    const res = await book(await patientToken(), { doctor_id: doctor.id, start: at('10:00'), type: 'chat', reason: 'Follow-up' })
    expect(((await res.json()) as { appointment: { status: string } }).appointment.status).toBe('pending')
  })

  it('refuses a taken slot with 409 slot_unavailable and the nearest free times', async () => {
    const { doctor } = await bookableDoctor()
    expect((await book(await patientToken(), { doctor_id: doctor.id, start: at('10:00'), type: 'video', reason: 'First' })).status).toBe(201)
    const res = await book(await patientToken(), { doctor_id: doctor.id, start: at('10:00'), type: 'video', reason: 'Second' })
    expect(res.status).toBe(409)
    const error = ((await res.json()) as ErrorBody).error
    expect(error.code).toBe('slot_unavailable')
    // The three nearest; of two equally near, the earlier.
    expect(error.alternatives!.map((a) => a.start)).toEqual([at('09:00'), at('09:30'), at('10:30')])
  })

  it('refuses a start that is not one of the doctor’s slots', async () => {
    const { doctor } = await bookableDoctor()
    for (const start of [at('09:10'), at('13:00'), '2020-01-06T09:00:00Z']) {
      const res = await book(await patientToken(), { doctor_id: doctor.id, start, type: 'video', reason: 'Off the grid' })
      expect(res.status).toBe(409)
    }
  })

  it('books exactly once when 50 patients ask for the same slot at the same time', async () => {
    const { doctor } = await bookableDoctor()
    const tokens = await Promise.all(Array.from({ length: 50 }, patientToken))
    const responses = await Promise.all(tokens.map((t) => book(t, { doctor_id: doctor.id, start: at('11:00'), type: 'video', reason: 'Same slot' })))
    const statuses = responses.map((r) => r.status)
    expect(statuses.filter((s) => s === 201)).toHaveLength(1)
    expect(statuses.filter((s) => s === 409)).toHaveLength(49)
    const codes = await Promise.all(responses.filter((r) => r.status === 409).map(async (r) => ((await r.json()) as ErrorBody).error.code))
    expect(new Set(codes)).toEqual(new Set(['slot_unavailable']))
    const live = await testDb().select().from(schema.appointments).where(eq(schema.appointments.doctorId, doctor.id))
    expect(live).toHaveLength(1)
  })

  it('replays the first answer for a repeated Idempotency-Key, and refuses the key for another request', async () => {
    const { doctor } = await bookableDoctor()
    const token = await patientToken()
    const body = { doctor_id: doctor.id, start: at('09:00'), type: 'video', reason: 'Double tap' }
    const first = await book(token, body, { 'idempotency-key': 'tap-1' })
    const second = await book(token, body, { 'idempotency-key': 'tap-1' })
    expect(first.status).toBe(201)
    expect(second.status).toBe(201)
    expect(second.headers.get('idempotent-replayed')).toBe('true')
    expect(await second.json()).toEqual(await first.json())
    const reused = await book(token, { ...body, start: at('09:30') }, { 'idempotency-key': 'tap-1' })
    expect(reused.status).toBe(422)
    expect(((await reused.json()) as ErrorBody).error.code).toBe('idempotency_key_reused')
    const rows = await testDb().select().from(schema.appointments).where(eq(schema.appointments.doctorId, doctor.id))
    expect(rows).toHaveLength(1)
  })

  it('answers concurrent repeats of one Idempotency-Key with one booking', async () => {
    const { doctor } = await bookableDoctor()
    const token = await patientToken()
    const body = { doctor_id: doctor.id, start: at('10:30'), type: 'video', reason: 'Flaky network' }
    const responses = await Promise.all(Array.from({ length: 5 }, () => book(token, body, { 'idempotency-key': 'retry-storm' })))
    const ids = await Promise.all(responses.map(async (r) => (r.status === 201 ? ((await r.json()) as { appointment: { id: string } }).appointment.id : r.status)))
    expect(new Set(ids).size).toBe(1)
    expect(String(ids[0])).toMatch(/^apt_/)
  })

  it.each([
    ['a malformed start', { start: '2027-03-14 09:00' }, 'start'],
    ['an unknown type', { type: 'telepathy' }, 'type'],
    ['a missing reason', { reason: undefined }, 'reason'],
    ['a 5000-character reason', { reason: 'x'.repeat(5000) }, 'reason'],
  ])('answers %s with 400', async (_label, override, field) => {
    const { doctor } = await bookableDoctor()
    const res = await book(await patientToken(), { doctor_id: doctor.id, start: at('09:00'), type: 'video', reason: 'Valid', ...override })
    expect(res.status).toBe(400)
    expect(((await res.json()) as ErrorBody).error.fields).toHaveProperty(field)
  })

  it('lets only patients book, and not with an unknown doctor', async () => {
    const { doctor, user } = await bookableDoctor()
    const body = { doctor_id: doctor.id, start: at('09:00'), type: 'video', reason: 'For me' }
    expect((await book(await tokenFor(user), body)).status).toBe(403)
    expect((await fetchApp('/api/v1/appointments', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) })).status).toBe(401)
    const unknown = await book(await patientToken(), { ...body, doctor_id: 'doc_unknown' })
    expect(unknown.status).toBe(404)
  })
})
