import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { sweepWaitlists } from '../../../src/features/availability/offers'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, tokenFor } from '../../helpers/auth'
import { jobContext } from '../../helpers/jobs'
import { DAY, fullyBookedDoctor, liveAppointmentsAt, offerLinkFor, runOutOffers, SLOT, waitingPatient } from './helpers'

type Entry = { id: string; offer: { id: string; start: string; expires_at: string } | null }
const entriesOf = async (token: string) => ((await (await callApi(token, '/api/v1/waitlist')).json()) as { items: Entry[] }).items

describe('the waitlist', () => {
  it('offers a cancelled slot to the first patient waiting, whose one-tap link books it once', async () => {
    const { doctor, holderToken, booked } = await fullyBookedDoctor()
    const first = await waitingPatient(doctor.id, 'Fiona First')
    const second = await waitingPatient(doctor.id, 'Sam Second')
    expect((await entriesOf(first.token))[0]!.offer).toBeNull()

    expect((await callApi(holderToken, `/api/v1/appointments/${booked.id}/cancel`, 'POST', { reason: 'Feeling better' })).status).toBe(200)

    // Held for the one who came first, with a link by email (and in the app).
    const [entry] = await entriesOf(first.token)
    expect(entry!.offer).toMatchObject({ start: SLOT })
    expect((await entriesOf(second.token))[0]!.offer).toBeNull()
    const { count, link } = await offerLinkFor(first.patient.email)
    expect(count).toBe(1)
    const notices = await testDb().select().from(schema.notifications).where(eq(schema.notifications.userId, first.patient.id))
    expect(notices.map((n) => n.kind)).toContain('offer')

    // Held: nobody else can book it, and it is not shown as free.
    const other = await tokenFor(await createUser({ role: 'patient' }))
    const refused = await callApi(other, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: SLOT, type: 'video', reason: 'Anything free' })
    expect(refused.status).toBe(409)
    const slots = (await (await fetchApp(`/api/v1/doctors/${doctor.id}/slots?from=${DAY}&to=${DAY}&tz=UTC`)).json()) as { slots: unknown[] }
    expect(slots.slots).toEqual([])

    // A link checker's HEAD books nothing. One tap books it, signed in or not; a second tap
    // shows the same booking.
    expect((await fetchApp(link!, { method: 'HEAD' })).status).toBe(200)
    expect(await liveAppointmentsAt(doctor.id, SLOT)).toEqual([])
    const tapped = await fetchApp(link!)
    expect(tapped.headers.get('cache-control')).toBe('no-store')
    expect(tapped.status).toBe(200)
    expect(await tapped.text()).toContain('You are booked')
    const again = await fetchApp(link!)
    expect(again.status).toBe(200)
    const live = await liveAppointmentsAt(doctor.id, SLOT)
    expect(live).toEqual([{ id: expect.any(String), patientId: first.patient.id }])
    expect(await entriesOf(first.token)).toEqual([])
    // The second patient keeps waiting; nothing was offered to them.
    expect((await entriesOf(second.token))[0]!.offer).toBeNull()
  })

  it('passes an offer not taken in time to the next patient waiting; the expired link says so', async () => {
    const { doctor, holderToken, booked } = await fullyBookedDoctor()
    const first = await waitingPatient(doctor.id, 'Fiona First')
    const second = await waitingPatient(doctor.id, 'Sam Second')
    await callApi(holderToken, `/api/v1/appointments/${booked.id}/cancel`, 'POST', {})
    const { link } = await offerLinkFor(first.patient.email)

    // Its 15 minutes run out: the sweep passes it on.
    await runOutOffers({ id: (await entriesOf(first.token))[0]!.offer!.id })
    expect(await sweepWaitlists(jobContext(new Date()))).toMatchObject({ expired: expect.any(Number), offered: expect.any(Number) })
    expect((await entriesOf(second.token))[0]!.offer).toMatchObject({ start: SLOT })
    expect((await offerLinkFor(second.patient.email)).count).toBe(1)
    // The first keeps their place for other times, and is not offered the same slot again.
    expect((await entriesOf(first.token))[0]!.offer).toBeNull()

    const expired = await fetchApp(link!)
    expect(expired.status).toBe(409)
    expect(await expired.text()).toContain('no longer held for you')
    const accepted = await callApi(second.token, `/api/v1/waitlist/offers/${(await entriesOf(second.token))[0]!.offer!.id}/accept`, 'POST')
    expect(accepted.status).toBe(201)
    expect(await liveAppointmentsAt(doctor.id, SLOT)).toEqual([{ id: expect.any(String), patientId: second.patient.id }])
  })

  it('lets exactly one of an offer and an ordinary booking have a freed slot (50 tries)', async () => {
    for (let attempt = 0; attempt < 50; attempt++) {
      const { doctor, holderToken, booked } = await fullyBookedDoctor()
      const waiting = await waitingPatient(doctor.id)
      const rival = await tokenFor(await createUser({ role: 'patient' }))
      // The cancellation (which makes the offer) races a rival booking the freed time.
      const [, rivalBooking] = await Promise.all([
        callApi(holderToken, `/api/v1/appointments/${booked.id}/cancel`, 'POST', {}),
        callApi(rival, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: SLOT, type: 'video', reason: 'Anything free' }),
      ])
      const offer = (await entriesOf(waiting.token))[0]?.offer
      // Then the offer (if one was made) is taken while the rival tries again.
      const [taken, retry] = await Promise.all([
        offer ? callApi(waiting.token, `/api/v1/waitlist/offers/${offer.id}/accept`, 'POST') : Promise.resolve(undefined),
        callApi(rival, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: SLOT, type: 'video', reason: 'Anything free' }),
      ])
      const live = await liveAppointmentsAt(doctor.id, SLOT)
      expect(live).toHaveLength(1)
      const rivalWon = rivalBooking.status === 201 || retry.status === 201
      expect(rivalWon).toBe(live[0]!.patientId !== waiting.patient.id)
      if (offer) expect(taken!.status).toBe(rivalWon ? 409 : 201)
    }
  })

  it('lets the patient a slot is held for book it the ordinary way too (the offer is taken)', async () => {
    const { doctor, holderToken, booked } = await fullyBookedDoctor()
    const waiting = await waitingPatient(doctor.id)
    await callApi(holderToken, `/api/v1/appointments/${booked.id}/cancel`, 'POST', {})
    const res = await callApi(waiting.token, '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start: SLOT, type: 'chat', reason: 'Recurring headaches' })
    expect(res.status).toBe(201)
    expect(await liveAppointmentsAt(doctor.id, SLOT)).toEqual([{ id: expect.any(String), patientId: waiting.patient.id }])
    // Taken, and the waiting is over; the link now shows this booking.
    expect(await entriesOf(waiting.token)).toEqual([])
    const tapped = await fetchApp((await offerLinkFor(waiting.patient.email)).link!)
    expect(await tapped.text()).toContain('You are booked')
  })

  it('refuses bad ranges and a second entry for the same doctor, and lets the patient leave', async () => {
    const { doctor } = await fullyBookedDoctor()
    const { token, entryId } = await waitingPatient(doctor.id)
    const join = (body: Record<string, unknown>) => callApi(token, '/api/v1/waitlist', 'POST', { doctor_id: doctor.id, from: DAY, to: DAY, type: 'video', reason: 'Headaches', ...body })
    expect((await join({})).status).toBe(409)
    const past = await join({ from: '2020-01-01' })
    expect(past.status).toBe(400)
    expect(((await past.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('from')
    expect((await join({ to: '2020-01-01' })).status).toBe(400)
    expect((await join({ doctor_id: 'doc_nobody' })).status).toBe(404)
    // A doctor sees how many wait; nobody else's entry can be removed.
    const otherPatient = await tokenFor(await createUser({ role: 'patient' }))
    expect((await callApi(otherPatient, `/api/v1/waitlist/${entryId}`, 'DELETE')).status).toBe(404)
    expect((await callApi(token, `/api/v1/waitlist/${entryId}`, 'DELETE')).status).toBe(204)
    expect(await entriesOf(token)).toEqual([])
  })

  it('joins from the doctor page’s form (days and times as checkboxes) and shows the doctor their waiting count', async () => {
    const { doctor, doctorUser } = await fullyBookedDoctor()
    const patient = await createUser({ role: 'patient' })
    const cookie = await cookieFor(patient)
    const form = new URLSearchParams({ from: DAY, to: DAY, weekday_1: 'on', weekday_2: 'on', weekday_3: 'on', weekday_4: 'on', weekday_5: 'on', weekday_6: 'on', weekday_7: 'on', time_morning: 'on', type: 'video', reason: 'Back pain', timezone: 'UTC' })
    const res = await fetchApp(`/doctors/${doctor.id}/waitlist`, asBrowser(cookie, { method: 'POST', body: form, headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/waitlist?done=joined')
    const page = await (await fetchApp('/waitlist?done=joined', asBrowser(cookie))).text()
    expect(page).toContain('You are on the waitlist')
    expect(page).toContain('mornings (7 am to noon)')
    const bad = await fetchApp(`/doctors/${doctor.id}/waitlist`, asBrowser(cookie, { method: 'POST', body: new URLSearchParams({ from: DAY, to: '2020-01-01', type: 'video', reason: 'Back pain again' }), headers: { 'content-type': 'application/x-www-form-urlencoded' } }))
    expect(bad.status).toBe(422)
    expect(await bad.text()).toContain('Back pain again')
    const doctorToken = await tokenFor(doctorUser)
    expect(await (await callApi(doctorToken, '/api/v1/doctor/waitlist')).json()).toEqual({ waiting: 1 })
  })
})
