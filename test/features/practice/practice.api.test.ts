import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createDoctor, createSpecialty, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

const call = (token: string, path: string, method?: string, body?: unknown) => callApi(token, `/api/v1${path}`, method, body)

async function doctorToken(overrides: Partial<typeof schema.doctors.$inferInsert> = {}) {
  const { doctor, user } = await createDoctor(overrides)
  return { doctor, token: await tokenFor(user) }
}

const errorFields = async (res: Response) => ((await res.json()) as { error: { fields: Record<string, string> } }).error.fields

const WEEK = {
  timezone: 'Europe/Berlin',
  slot_minutes: 20,
  buffer_minutes: 10,
  min_notice_minutes: 60,
  max_advance_days: 30,
  auto_confirm: false,
  weekly: [
    { weekday: 1, start: '09:00', end: '12:00' },
    { weekday: 1, start: '13:00', end: '17:30' },
    { weekday: 5, start: '20:00', end: '24:00' },
  ],
}

describe('the doctor’s profile', () => {
  it('is replaced as a whole and read back, languages and consultation types included', async () => {
    const { doctor, token } = await doctorToken()
    const specialty = await createSpecialty()
    const body = {
      specialty_id: specialty.id,
      bio: 'Twenty years of family medicine.',
      city: 'Porto',
      languages: ['pt', 'EN', 'en'],
      fee_cents: 4500,
      currency: 'eur',
      charge_up_front: true,
      // The visit in person costs more; video keeps the standard fee.
      consultation_types: [{ type: 'video', duration_minutes: 20 }, { type: 'in_person', duration_minutes: 40, fee_cents: 6000 }],
    }
    // Seeing patients in person needs an address they can come to.
    const noAddress = await call(token, '/doctor/profile', 'PUT', body)
    expect(noAddress.status).toBe(400)
    expect(((await noAddress.json()) as { error: { fields: Record<string, string> } }).error.fields).toEqual({ practice_address: 'is required to see patients in person' })
    const res = await call(token, '/doctor/profile', 'PUT', { ...body, practice_address: 'Rua das Flores 12, 4050-262' })
    expect(res.status).toBe(200)
    const { profile } = (await (await call(token, '/doctor/profile')).json()) as { profile: Record<string, unknown> }
    expect(profile).toMatchObject({
      id: doctor.id,
      specialty_id: specialty.id,
      city: 'Porto',
      languages: ['en', 'pt'],
      fee_cents: 4500,
      currency: 'EUR',
      charge_up_front: true,
      practice_address: 'Rua das Flores 12, 4050-262',
      consultation_types: [{ type: 'in_person', duration_minutes: 40, fee_cents: 6000 }, { type: 'video', duration_minutes: 20, fee_cents: null }],
    })
    const publicView = (await (await fetchApp(`/api/v1/doctors/${doctor.id}`)).json()) as { doctor: { city: string; practice_address: string; consultation_types: unknown[] } }
    // The public profile says what each type costs.
    expect(publicView.doctor.consultation_types).toEqual([{ type: 'in_person', duration_minutes: 40, fee_cents: 6000 }, { type: 'video', duration_minutes: 20, fee_cents: 4500 }])
    expect(publicView.doctor.city).toBe('Porto')
    expect(publicView.doctor.practice_address).toBe('Rua das Flores 12, 4050-262')
  })

  it.each([
    [{ fee_cents: -1 }, 'fee_cents'],
    [{ fee_cents: 12.5 }, 'fee_cents'],
    [{ currency: 'euro' }, 'currency'],
    [{ languages: ['<script>'] }, 'languages.0'],
    [{ consultation_types: [] }, 'consultation_types'],
    [{ consultation_types: [{ type: 'video', duration_minutes: 20 }, { type: 'video', duration_minutes: 30 }] }, 'consultation_types'],
    [{ consultation_types: [{ type: 'teleport', duration_minutes: 20 }] }, 'consultation_types.0.type'],
    [{ consultation_types: [{ type: 'video', duration_minutes: 20, fee_cents: -5 }] }, 'consultation_types.0.fee_cents'],
    [{ specialty_id: 'spc_nothing' }, 'specialty_id'],
  ])('refuses %j naming the field and changes nothing', async (change, field) => {
    const { doctor, token } = await doctorToken({ city: 'Before' })
    const specialty = await createSpecialty()
    const body = { specialty_id: specialty.id, city: 'After', fee_cents: 100, currency: 'EUR', consultation_types: [{ type: 'video', duration_minutes: 20 }], ...change }
    const res = await call(token, '/doctor/profile', 'PUT', body)
    expect(res.status).toBe(400)
    expect(await errorFields(res)).toHaveProperty(field)
    const [row] = await testDb().select().from(schema.doctors).where(eq(schema.doctors.id, doctor.id))
    expect(row!.city).toBe('Before')
  })
})

describe('the doctor’s availability', () => {
  it('starts from defaults, then saves settings and several ranges a day, which shape the free slots', async () => {
    const { doctor, token } = await doctorToken()
    const before = (await (await call(token, '/doctor/availability')).json()) as { availability: { weekly: unknown[]; slot_minutes: number } }
    expect(before.availability).toMatchObject({ weekly: [], slot_minutes: 30 })
    const res = await call(token, '/doctor/availability', 'PUT', WEEK)
    expect(res.status).toBe(200)
    expect(((await res.json()) as { availability: unknown }).availability).toEqual(WEEK)
    // A Monday three weeks ahead, in Berlin: 20-minute slots with a 10-minute buffer from 09:00.
    const monday = new Date(Date.now() + 21 * 86_400_000)
    monday.setUTCDate(monday.getUTCDate() - ((monday.getUTCDay() + 6) % 7))
    const day = monday.toISOString().slice(0, 10)
    const slots = (await (await fetchApp(`/api/v1/doctors/${doctor.id}/slots?from=${day}&to=${day}&tz=Europe/Berlin`)).json()) as { slots: { start: string }[] }
    expect(slots.slots.length).toBeGreaterThan(0)
    const minutes = slots.slots.map((s) => new Date(s.start).getUTCMinutes())
    expect(new Set(minutes)).toEqual(new Set([0, 30]))
  })

  it.each([
    [{ timezone: 'Mars/Olympus' }, 'timezone'],
    [{ slot_minutes: 2 }, 'slot_minutes'],
    [{ max_advance_days: 5000 }, 'max_advance_days'],
    [{ auto_confirm: 'yes' }, 'auto_confirm'],
    [{ weekly: [{ weekday: 8, start: '09:00', end: '10:00' }] }, 'weekly.0.weekday'],
    [{ weekly: [{ weekday: 1, start: '9am', end: '10:00' }] }, 'weekly.0.start'],
    [{ weekly: [{ weekday: 1, start: '12:00', end: '10:00' }] }, 'weekly.0.end'],
    [{ weekly: [{ weekday: 2, start: '09:00', end: '12:00' }, { weekday: 2, start: '11:00', end: '13:00' }] }, 'weekly.1.start'],
  ])('refuses %j naming the field and keeps the saved hours', async (change, field) => {
    const { token } = await doctorToken()
    await call(token, '/doctor/availability', 'PUT', WEEK)
    const res = await call(token, '/doctor/availability', 'PUT', { ...WEEK, ...change })
    expect(res.status).toBe(400)
    expect(await errorFields(res)).toHaveProperty(field)
    const saved = (await (await call(token, '/doctor/availability')).json()) as { availability: unknown }
    expect(saved.availability).toEqual(WEEK)
  })
})

describe('time off', () => {
  it('takes whole days in the doctor’s zone, hides their slots, lists and removes them', async () => {
    const { doctor, token } = await doctorToken()
    await call(token, '/doctor/availability', 'PUT', { ...WEEK, min_notice_minutes: 0, weekly: [1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ weekday, start: '09:00', end: '17:00' })) })
    const first = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
    const last = new Date(Date.now() + 11 * 86_400_000).toISOString().slice(0, 10)
    const res = await call(token, '/doctor/time-off', 'POST', { start: first, end: last, reason: 'Conference' })
    expect(res.status).toBe(201)
    const { time_off } = (await res.json()) as { time_off: { id: string; start: string; end: string } }
    // Midnight in Berlin is 22:00 or 23:00 UTC the evening before.
    expect(time_off.start).toMatch(/T2[23]:00:00Z$/)
    const slots = (await (await fetchApp(`/api/v1/doctors/${doctor.id}/slots?from=${first}&to=${last}&tz=Europe/Berlin`)).json()) as { slots: unknown[] }
    expect(slots.slots).toEqual([])
    const list = (await (await call(token, '/doctor/time-off')).json()) as { items: { id: string; reason: string }[] }
    expect(list.items).toEqual([expect.objectContaining({ id: time_off.id, reason: 'Conference' })])
    expect((await call(token, `/doctor/time-off/${time_off.id}`, 'DELETE')).status).toBe(204)
    expect((await call(token, `/doctor/time-off/${time_off.id}`, 'DELETE')).status).toBe(404)
  })

  it('answers 404 for another doctor’s time off and leaves it in place', async () => {
    const owner = await doctorToken()
    const other = await doctorToken()
    const day = new Date(Date.now() + 5 * 86_400_000).toISOString().slice(0, 10)
    const { time_off } = (await (await call(owner.token, '/doctor/time-off', 'POST', { start: day, end: day })).json()) as { time_off: { id: string } }
    expect((await call(other.token, `/doctor/time-off/${time_off.id}`, 'DELETE')).status).toBe(404)
    const rows = await testDb().select().from(schema.timeOff).where(eq(schema.timeOff.id, time_off.id))
    expect(rows).toHaveLength(1)
  })

  it.each([
    [{ start: '2027-02-30', end: '2027-03-01' }, 'start'],
    [{ start: '2030-03-10', end: '2030-03-01' }, 'end'],
    [{ start: '2020-01-01', end: '2020-01-02' }, 'end'],
    [{ start: '2030-01-01', end: '2032-01-01' }, 'end'],
    [{ start: 'next monday', end: '2030-01-01' }, 'start'],
  ])('refuses %j naming the field', async (body, field) => {
    const { token } = await doctorToken()
    const res = await call(token, '/doctor/time-off', 'POST', body)
    expect(res.status).toBe(400)
    expect(await errorFields(res)).toHaveProperty(field)
  })
})

describe('who may manage a practice', () => {
  it('is only a verified doctor: patients 403, pending doctors 403, anonymous 401', async () => {
    const patient = await tokenFor(await createUser())
    const { user: pendingUser } = await createDoctor({ status: 'pending' })
    const pending = await tokenFor(pendingUser)
    for (const path of ['/doctor/profile', '/doctor/availability', '/doctor/time-off']) {
      expect((await call(patient, path)).status).toBe(403)
      expect((await call(pending, path)).status).toBe(403)
      expect((await fetchApp(`/api/v1${path}`)).status).toBe(401)
    }
  })
})
