import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createAvailability, createDoctor, createSpecialty, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'

const DAY = 86_400_000
const futureDay = (days: number) => new Date(Date.now() + days * DAY).toISOString().slice(0, 10)

async function bookableDoctor(name = 'Dr. Page Test') {
  const specialty = await createSpecialty()
  const { doctor, user } = await createDoctor({ specialtyId: specialty.id, city: 'Lisbon' }, { name })
  await createAvailability(doctor.id, { timezone: 'UTC' })
  return { doctor, doctorUser: user, specialty }
}

async function bookableDoctorWithBuffer() {
  const { doctor } = await createDoctor()
  await createAvailability(doctor.id, { timezone: 'UTC', slotMinutes: 30, bufferMinutes: 15 })
  return { doctor }
}

describe('the search page', () => {
  it('is a plain form with results, and answers htmx with the results alone', async () => {
    const { doctor, specialty } = await bookableDoctor('Dr. Searchable Sage')
    const page = await fetchApp(`/doctors?specialty=${specialty.slug}`)
    expect(page.status).toBe(200)
    const html = await page.text()
    expect(html).toContain('<form method="get" action="/doctors"')
    expect(html).toContain(`href="/doctors/${doctor.id}"`)
    expect(html).toContain('Dr. Searchable Sage')
    expect(html).toMatch(/Next free: <time datetime="[^"]+">/)
    const fragment = await (await fetchApp(`/doctors?specialty=${specialty.slug}`, { headers: { 'HX-Request': 'true' } })).text()
    expect(fragment).not.toContain('<html')
    expect(fragment).toContain('id="results"')
    expect(fragment).toContain('Dr. Searchable Sage')
  })

  it('keeps the filters and explains a bad one instead of failing', async () => {
    const res = await fetchApp('/doctors?available_on=someday&city=Porto')
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="Porto"')
    expect(html).toContain('Free on must be a date')
  })
})

describe('the doctor page', () => {
  it('offers free slots as radio buttons named with the full date and time', async () => {
    const { doctor } = await bookableDoctor()
    const res = await fetchApp(`/doctors/${doctor.id}?from=${futureDay(3)}&tz=Europe/London`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toMatch(/<input type="radio" name="start" value="\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:00Z" required=""\/?>/)
    // "Monday 6 December 2027, " hidden for sight, heard by screen readers, then the time.
    expect(html).toMatch(/<span class="visually-hidden">[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, <\/span><span>\d{1,2}:\d{2} (AM|PM)<\/span>/)
    expect(html).toContain('Europe/London')
  })

  it('shows each way to meet at its own fee, and the public profile names the ones that differ', async () => {
    const { doctor } = await bookableDoctor('Dr. Priced Types')
    await testDb().update(schema.doctors).set({ feeCents: 4000, currency: 'EUR' }).where(eq(schema.doctors.id, doctor.id))
    await testDb().insert(schema.doctorConsultationTypes).values([
      { doctorId: doctor.id, type: 'video', durationMinutes: 30 },
      { doctorId: doctor.id, type: 'chat', durationMinutes: 15, feeCents: 1500 },
    ])
    const cookie = await cookieFor(await createUser())
    const page = await (await fetchApp(`/doctors/${doctor.id}/book?start=${futureDay(4)}T10:00:00Z`, asBrowser(cookie))).text()
    expect(page).toMatch(/value="video"[^>]*\/> Video call · 30 minutes · €40\.00/)
    expect(page).toMatch(/value="chat"[^>]*\/> Chat · 15 minutes · €15\.00/)
    expect(await (await fetchApp(`/doctors/${doctor.id}`)).text()).toContain('Chat (15 min, €15.00)')
  })

  it('answers 404 for a doctor who is not verified', async () => {
    const { doctor } = await createDoctor({ status: 'pending' })
    expect((await fetchApp(`/doctors/${doctor.id}`)).status).toBe(404)
  })
})

describe('booking from the pages', () => {
  it('sends an anonymous visitor to sign in first and back to the booking', async () => {
    const { doctor } = await bookableDoctor()
    const start = `${futureDay(4)}T09:00:00Z`
    const res = await fetchApp(`/doctors/${doctor.id}/book?start=${start}`, { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe(`/login?next=${encodeURIComponent(`/doctors/${doctor.id}/book?start=${start}`)}`)
  })

  it('books once however often the same form is sent, then shows the confirmation', async () => {
    const { doctor } = await bookableDoctor()
    const patient = await createUser()
    const cookie = await cookieFor(patient)
    const start = `${futureDay(4)}T10:00:00Z`
    const form = await fetchApp(`/doctors/${doctor.id}/book?start=${start}`, asBrowser(cookie))
    expect(form.status).toBe(200)
    const key = /name="idempotency_key" value="([^"]+)"/.exec(await form.text())![1]!
    const fields = { start, type: 'video', reason: 'Sore throat for a week', idempotency_key: key }
    const first = await postForm(`/doctors/${doctor.id}/book`, cookie, fields)
    const second = await postForm(`/doctors/${doctor.id}/book`, cookie, fields)
    expect(first.status).toBe(303)
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    const rows = await testDb().select().from(schema.appointments).where(eq(schema.appointments.patientId, patient.id))
    expect(rows).toHaveLength(1)
    const confirmation = await fetchApp(first.headers.get('location')!, asBrowser(cookie))
    const html = await confirmation.text()
    expect(html).toContain('Your appointment with Dr. Page Test is booked.')
    expect(html).toContain('Sore throat for a week')
  })

  it('offers the nearest free times when the slot was just taken', async () => {
    const { doctor } = await bookableDoctor()
    const start = `${futureDay(5)}T10:00:00Z`
    const other = await createUser()
    await testDb().insert(schema.appointments).values({ patientId: other.id, doctorId: doctor.id, startAt: new Date(start), endAt: new Date(Date.parse(start) + 30 * 60_000), type: 'video', reason: 'x', status: 'confirmed' })
    const cookie = await cookieFor(await createUser())
    const res = await postForm(`/doctors/${doctor.id}/book`, cookie, { start, type: 'video', reason: 'Back pain', idempotency_key: 'k-taken-1' })
    expect(res.status).toBe(409)
    const html = await res.text()
    expect(html).toContain('no longer free')
    expect(html).toContain(`value="${futureDay(5)}T09:30:00Z"`)
    expect(html).toContain('Back pain')
  })

  it('keeps what the patient typed when the reason is too short', async () => {
    const { doctor } = await bookableDoctor()
    const cookie = await cookieFor(await createUser())
    const start = `${futureDay(6)}T10:00:00Z`
    const res = await postForm(`/doctors/${doctor.id}/book`, cookie, { start, type: 'chat', reason: 'x', idempotency_key: 'k-short-1' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('must be at least 3 characters')
    expect(html).toMatch(/value="chat" checked/)
  })
})

describe('changing an appointment from its page', () => {
  async function booked(startDays: number, status: 'pending' | 'confirmed' = 'confirmed') {
    const { doctor, doctorUser } = await bookableDoctor()
    const patient = await createUser()
    const startAt = new Date(`${futureDay(startDays)}T09:00:00Z`)
    const [appt] = await testDb()
      .insert(schema.appointments)
      .values({ patientId: patient.id, doctorId: doctor.id, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Check-up', status })
      .returning()
    return { appt: appt!, patient, doctorUser, doctor }
  }

  it('lets the patient cancel well before the start', async () => {
    const { appt, patient } = await booked(5)
    const cookie = await cookieFor(patient)
    const page = await (await fetchApp(`/appointments/${appt.id}`, asBrowser(cookie))).text()
    expect(page).toContain(`action="/appointments/${appt.id}/cancel"`)
    // Cancelling asks once more, keeping the reason typed; nothing changes until it is confirmed.
    const asked = await postForm(`/appointments/${appt.id}/cancel`, cookie, { reason: 'Feeling better' })
    expect(asked.status).toBe(200)
    const question = await asked.text()
    expect(question).toContain('Cancel the appointment with Dr. Page Test?')
    expect(question).toContain('<input type="hidden" name="reason" value="Feeling better"/>')
    expect(question).toContain('<input type="hidden" name="confirmed" value="1"/>')
    expect(question).toContain(`href="/appointments/${appt.id}">No, keep it</a>`)
    expect((await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appt.id)))[0]!.status).toBe('confirmed')
    const res = await postForm(`/appointments/${appt.id}/cancel`, cookie, { reason: 'Feeling better', confirmed: '1' })
    expect(res.status).toBe(303)
    const [row] = await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appt.id))
    expect(row!.status).toBe('cancelled')
  })

  it('says why and whom to contact inside the cancellation notice', async () => {
    const startAt = new Date(Date.now() + 3 * 3_600_000)
    const { doctor } = await bookableDoctor()
    const patient = await createUser()
    const [appt] = await testDb().insert(schema.appointments).values({ patientId: patient.id, doctorId: doctor.id, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Soon', status: 'confirmed' }).returning()
    const cookie = await cookieFor(patient)
    const page = await (await fetchApp(`/appointments/${appt!.id}`, asBrowser(cookie))).text()
    expect(page).not.toContain(`action="/appointments/${appt!.id}/cancel"`)
    expect(page).toContain('Online cancellation closes 24 hours before the start.')
    expect(page).toContain('please contact')
    const res = await postForm(`/appointments/${appt!.id}/cancel`, cookie, {})
    expect(res.status).toBe(409)
  })

  it('lets the doctor accept a request from the dashboard', async () => {
    const { appt, doctorUser } = await booked(3, 'pending')
    const cookie = await cookieFor(doctorUser)
    // The doctor reads that the request waits for them, and answers it: accept or decline, not cancel.
    const page = await (await fetchApp(`/appointments/${appt.id}`, asBrowser(cookie))).text()
    expect(page).toContain('Requested: waiting for you')
    expect(page).toContain(`action="/appointments/${appt.id}/reject"`)
    expect(page).not.toContain(`action="/appointments/${appt.id}/cancel"`)
    const dashboard = await (await fetchApp('/doctor', asBrowser(cookie))).text()
    expect(dashboard).toContain(`action="/appointments/${appt.id}/confirm"`)
    expect((await postForm(`/appointments/${appt.id}/confirm`, cookie, {})).status).toBe(303)
    const [row] = await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appt.id))
    expect(row!.status).toBe('confirmed')
  })

  it('moves the appointment to another free slot', async () => {
    const { appt, patient } = await booked(6)
    const cookie = await cookieFor(patient)
    const page = await (await fetchApp(`/appointments/${appt.id}/reschedule`, asBrowser(cookie))).text()
    const newStart = `${futureDay(6)}T11:00:00Z`
    expect(page).toContain(`value="${newStart}"`)
    expect((await postForm(`/appointments/${appt.id}/reschedule`, cookie, { start: newStart })).status).toBe(303)
    const [row] = await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appt.id))
    expect(row!.startAt.toISOString()).toBe(new Date(newStart).toISOString())
  })

  it('offers and accepts the same times: never the appointment’s own, every other free one', async () => {
    // 30-minute slots with a 15-minute buffer: 09:00, 09:45, 10:30, 11:15.
    const { doctor } = await bookableDoctorWithBuffer()
    const patient = await createUser({ role: 'patient' })
    const day = futureDay(8)
    const appt = await createAppointment(doctor.id, patient.id, { startAt: new Date(`${day}T09:45:00Z`) })
    const cookie = await cookieFor(patient)
    const page = await (await fetchApp(`/appointments/${appt.id}/reschedule?from=${day}`, asBrowser(cookie))).text()
    const offered = [...page.matchAll(/name="start" value="([^"]+)"/g)].map((m) => m[1]).filter((v) => v!.startsWith(day))
    expect(offered).toEqual([`${day}T09:00:00Z`, `${day}T10:30:00Z`, `${day}T11:15:00Z`])
    const own = await postForm(`/appointments/${appt.id}/reschedule`, cookie, { start: `${day}T09:45:00Z` })
    expect(own.status).toBe(409)
    expect((await postForm(`/appointments/${appt.id}/reschedule`, cookie, { start: `${day}T10:30:00Z` })).status).toBe(303)
  })

  it('answers 404 to a stranger, for the page and for the actions', async () => {
    const { appt } = await booked(7)
    const cookie = await cookieFor(await createUser())
    expect((await fetchApp(`/appointments/${appt.id}`, asBrowser(cookie))).status).toBe(404)
    expect((await postForm(`/appointments/${appt.id}/cancel`, cookie, {})).status).toBe(404)
  })
})

// However dense a doctor's schedule, the doctor page stays small: dense schedules are shown a few
// days (or one day) at a time, with a link to the days after.
describe('the doctor page with a dense schedule', () => {
  it('shows a round-the-clock, 5-minute schedule one day at a time in bounded HTML', async () => {
    const { doctor } = await createDoctor({}, { name: 'Dr. Always Open' })
    await createAvailability(doctor.id, { startMinute: 0, endMinute: 24 * 60, slotMinutes: 5 })
    // Tomorrow, a whole day of slots whatever the time now (today has only what is left of it).
    const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10)
    const res = await fetchApp(`/doctors/${doctor.id}?from=${tomorrow}`)
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html.length).toBeLessThan(120_000)
    const radios = html.match(/type="radio"/g) ?? []
    expect(radios.length).toBe(288)
    // The next page starts the day after the one shown.
    const shown = /name="from" value="(\d{4}-\d{2}-\d{2})"/.exec(html)![1]!
    const later = new RegExp(`/doctors/${doctor.id}\\?from=(\\d{4}-\\d{2}-\\d{2})">Later days`).exec(html)![1]!
    expect(Date.parse(later) - Date.parse(shown)).toBe(86_400_000)
  })
})
