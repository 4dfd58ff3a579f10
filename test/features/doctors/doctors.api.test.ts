import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAvailability, createDoctor, createSpecialty } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'

type Doctor = { id: string; name: string; languages: string[]; fee_cents: number; rating: number | null; next_available_at: string | null }
type Page = { items: Doctor[]; next_cursor: string | null }

const search = async (query: string) => {
  const res = await fetchApp(`/api/v1/doctors?${query}`)
  expect(res.status).toBe(200)
  return (await res.json()) as Page
}

describe('GET /api/v1/doctors', () => {
  it('lists only verified, active doctors of the specialty', async () => {
    const specialty = await createSpecialty()
    const { doctor: shown } = await createDoctor({ specialtyId: specialty.id }, { name: 'Dr. Shown' })
    await createDoctor({ specialtyId: specialty.id, status: 'pending' })
    await createDoctor({ specialtyId: specialty.id, status: 'rejected' })
    await createDoctor({ specialtyId: specialty.id }, { status: 'deactivated' })
    const page = await search(`specialty=${specialty.slug}`)
    expect(page.items.map((d) => d.id)).toEqual([shown.id])
    expect(page.next_cursor).toBeNull()
  })

  it('filters by name, city, language and rating, taking % and _ literally', async () => {
    const specialty = await createSpecialty()
    const { doctor: ana } = await createDoctor({ specialtyId: specialty.id, city: 'Lisbon', ratingAverage: 4.6 }, { name: 'Dr. Ana Costa' })
    const { doctor: ben } = await createDoctor({ specialtyId: specialty.id, city: 'Porto', ratingAverage: 3.9 }, { name: 'Dr. Ben 100%' })
    await testDb().insert(schema.doctorLanguages).values([
      { doctorId: ana.id, language: 'pt' },
      { doctorId: ana.id, language: 'en' },
      { doctorId: ben.id, language: 'en' },
    ])
    const ids = async (query: string) => (await search(`specialty=${specialty.slug}&${query}`)).items.map((d) => d.id)
    expect(await ids('q=ana')).toEqual([ana.id])
    expect(await ids('city=lisb')).toEqual([ana.id])
    expect((await ids('language=EN')).sort()).toEqual([ana.id, ben.id].sort())
    expect(await ids('language=pt')).toEqual([ana.id])
    expect(await ids('min_rating=4')).toEqual([ana.id])
    expect(await ids('q=100%25')).toEqual([ben.id])
    expect(await ids('q=%25')).toEqual([ben.id])
    expect(await ids('q=_')).toEqual([])
    const [first] = (await search(`specialty=${specialty.slug}&q=ana`)).items
    expect(first!.languages).toEqual(['en', 'pt'])
  })

  it('sorts by soonest availability, rating or fee, and shows the next free slot', async () => {
    const specialty = await createSpecialty()
    const { doctor: early } = await createDoctor({ specialtyId: specialty.id, feeCents: 9000, ratingAverage: 4.0 }, { name: 'Dr. Early' })
    const { doctor: late } = await createDoctor({ specialtyId: specialty.id, feeCents: 5000, ratingAverage: 4.9 }, { name: 'Dr. Late' })
    const { doctor: never } = await createDoctor({ specialtyId: specialty.id, feeCents: 7000 }, { name: 'Dr. Never' })
    await createAvailability(early.id, { startMinute: 0, endMinute: 24 * 60 - 30 })
    await createAvailability(late.id, { minNoticeMinutes: 3 * 24 * 60 })
    const order = async (sort: string) => (await search(`specialty=${specialty.slug}&sort=${sort}`)).items.map((d) => d.id)
    expect(await order('soonest')).toEqual([early.id, late.id, never.id])
    expect(await order('rating')).toEqual([late.id, early.id, never.id])
    expect(await order('fee')).toEqual([late.id, never.id, early.id])
    const page = await search(`specialty=${specialty.slug}`)
    expect(page.items[0]!.next_available_at).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z$/)
    expect(page.items[2]!.next_available_at).toBeNull()
  })

  it('keeps only doctors with a free slot on the asked date', async () => {
    const specialty = await createSpecialty()
    const { doctor: weekdays } = await createDoctor({ specialtyId: specialty.id })
    const { doctor: sundays } = await createDoctor({ specialtyId: specialty.id })
    await createAvailability(weekdays.id, { weekdays: [1, 2, 3, 4, 5] })
    await createAvailability(sundays.id, { weekdays: [7] })
    const sunday = new Date(Date.now() + 7 * 86_400_000)
    sunday.setUTCDate(sunday.getUTCDate() + ((7 - sunday.getUTCDay()) % 7))
    const page = await search(`specialty=${specialty.slug}&available_on=${sunday.toISOString().slice(0, 10)}`)
    expect(page.items.map((d) => d.id)).toEqual([sundays.id])
  })

  it('pages with an opaque cursor until the list ends', async () => {
    const specialty = await createSpecialty()
    for (let i = 0; i < 5; i++) await createDoctor({ specialtyId: specialty.id }, { name: `Dr. Page ${i}` })
    const first = await search(`specialty=${specialty.slug}&limit=2`)
    const second = await search(`specialty=${specialty.slug}&limit=2&cursor=${first.next_cursor}`)
    const third = await search(`specialty=${specialty.slug}&limit=2&cursor=${second.next_cursor}`)
    expect(third.next_cursor).toBeNull()
    const seen = [...first.items, ...second.items, ...third.items].map((d) => d.id)
    expect(new Set(seen).size).toBe(5)
  })

  it.each([
    ['sort=cheapest', 'sort'],
    ['limit=0', 'limit'],
    ['limit=500', 'limit'],
    ['min_rating=9', 'min_rating'],
    ['available_on=next-week', 'available_on'],
    ['language=english!', 'language'],
  ])('answers %s with 400 naming the field', async (query, field) => {
    const res = await fetchApp(`/api/v1/doctors?${query}`)
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty(field)
  })

  it('answers a forged cursor with 400', async () => {
    const res = await fetchApp('/api/v1/doctors?cursor=not-a-cursor')
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('bad_request')
  })
})

describe('GET /api/v1/doctors/:id', () => {
  it('shows the public profile with consultation types and the next free slot', async () => {
    const { doctor } = await createDoctor({ bio: 'Family medicine, 10 years.', city: 'Lisbon' }, { name: 'Dr. Profile' })
    await createAvailability(doctor.id, { timezone: 'Europe/Lisbon' })
    await testDb().insert(schema.doctorConsultationTypes).values({ doctorId: doctor.id, type: 'video', durationMinutes: 30 })
    const res = await fetchApp(`/api/v1/doctors/${doctor.id}`)
    expect(res.status).toBe(200)
    const { doctor: body } = (await res.json()) as { doctor: Record<string, unknown> }
    expect(body).toMatchObject({ id: doctor.id, name: 'Dr. Profile', bio: 'Family medicine, 10 years.', city: 'Lisbon', timezone: 'Europe/Lisbon', consultation_types: [{ type: 'video', duration_minutes: 30 }] })
    expect(body.next_available_at).toEqual(expect.any(String))
    expect(body).not.toHaveProperty('license_number')
  })

  it('answers 404 for unverified doctors and unknown ids alike', async () => {
    const { doctor } = await createDoctor({ status: 'pending' })
    for (const id of [doctor.id, 'doc_nobody']) {
      const res = await fetchApp(`/api/v1/doctors/${id}`)
      expect(res.status).toBe(404)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('not_found')
    }
  })
})
