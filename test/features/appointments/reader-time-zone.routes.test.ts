import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { formatDateTime } from '../../../src/lib/format'
import { testDb } from '../../helpers/db'
import { createAvailability, createDoctor, createUser, unique } from '../../helpers/factories'
import { fetchApp, ORIGIN } from '../../helpers/http'
import { asBrowser, cookieFor, latestEmailTo, PASSWORD, postForm, sessionCookie } from '../../helpers/auth'

// A slot of a doctor who works 9:00–12:00 UTC, three days ahead.
async function slotWithDoctor() {
  const { doctor, user } = await createDoctor()
  await createAvailability(doctor.id, { timezone: 'UTC' })
  const day = new Date(Date.now() + 3 * 86_400_000).toISOString().slice(0, 10)
  return { doctor, doctorUser: user, start: `${day}T09:00:00Z` }
}

// Books through the page as a browser does: the form carries the zone it showed the time in.
async function bookOnThePage(cookie: string, doctorId: string, start: string) {
  const form = await (await fetchApp(`/doctors/${doctorId}/book?start=${start}`, asBrowser(cookie))).text()
  const fields = Object.fromEntries([...form.matchAll(/<input type="hidden" name="(idempotency_key|timezone)" value="([^"]+)"/g)].map((m) => [m[1]!, m[2]!]))
  const res = await postForm(`/doctors/${doctorId}/book`, cookie, { start, type: 'video', reason: 'Headaches', ...fields })
  expect(res.status).toBe(303)
  return fields.timezone
}

const inZone = (start: string, zone: string) => `${formatDateTime(new Date(start), zone)} (${zone.replace(/_/g, ' ')})`

// Every time in an email or on a page is in the reader's zone, named: their own zone (a patient's
// profile, set from their device at sign-up), else the zone they booked in.
describe('times in the reader’s zone', () => {
  it('gives a new patient their device’s zone, and the booking email says the time they saw', async () => {
    const { doctor, start } = await slotWithDoctor()
    const email = `${unique('chicago')}@example.test`
    const registered = await fetchApp('/register', {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: ORIGIN, 'content-type': 'application/x-www-form-urlencoded', cookie: 'mc_device_tz=America%2FChicago' },
      body: new URLSearchParams({ name: 'Chi Cago', email, password: PASSWORD }).toString(),
    })
    expect(registered.status).toBe(303)
    // No zone cookie on the next requests: the zone is the profile's now.
    const shown = await bookOnThePage(sessionCookie(registered), doctor.id, start)
    expect(shown).toBe('America/Chicago')
    const mail = await latestEmailTo(email)
    expect(mail!.textBody).toContain(inZone(start, 'America/Chicago'))
    expect(mail!.textBody).not.toContain('(UTC)')
  })

  it('uses the zone a patient booked in while their profile names none, and the profile’s once it does', async () => {
    const { doctor, start } = await slotWithDoctor()
    const patient = await createUser()
    await testDb().insert(schema.patientProfiles).values({ userId: patient.id })
    const cookie = await cookieFor(patient)
    expect(await bookOnThePage(`${cookie}; mc_tz=Asia%2FTokyo`, doctor.id, start)).toBe('Asia/Tokyo')
    expect((await latestEmailTo(patient.email))!.textBody).toContain(inZone(start, 'Asia/Tokyo'))

    const other = await slotWithDoctor()
    const berliner = await createUser()
    await testDb().insert(schema.patientProfiles).values({ userId: berliner.id, timezone: 'Europe/Berlin' })
    await bookOnThePage(`${await cookieFor(berliner)}; mc_tz=Asia%2FTokyo`, other.doctor.id, other.start)
    expect((await latestEmailTo(berliner.email))!.textBody).toContain(inZone(other.start, 'Europe/Berlin'))
  })

  it('shows a page in the person’s own zone before their device’s, and their choice before both', async () => {
    const patient = await createUser()
    await testDb().insert(schema.patientProfiles).values({ userId: patient.id, timezone: 'Europe/Berlin' })
    const cookie = await cookieFor(patient)
    const zoneOf = async (extra: string) => /<option value="([^"]+)" selected/.exec(await (await fetchApp('/appointments', asBrowser(`${cookie}${extra}`))).text())![1]
    expect(await zoneOf('; mc_device_tz=Asia%2FTokyo')).toBe('Europe/Berlin')
    expect(await zoneOf('; mc_tz=America%2FChicago; mc_device_tz=Asia%2FTokyo')).toBe('America/Chicago')
    const visitor = await createUser()
    expect(/<option value="([^"]+)" selected/.exec(await (await fetchApp('/appointments', asBrowser(`${await cookieFor(visitor)}; mc_device_tz=Asia%2FTokyo`))).text())![1]).toBe('Asia/Tokyo')
  })

  it('shows sign-in times on the security page in the reader’s zone, named, not in UTC', async () => {
    const patient = await createUser()
    const html = await (await fetchApp('/account/security', asBrowser(`${await cookieFor(patient)}; mc_device_tz=America%2FChicago`))).text()
    expect(html).toMatch(/Last active [^<]+\(America\/Chicago\)/)
    expect(html).not.toContain(' UTC')
  })
})
