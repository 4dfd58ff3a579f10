import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor } from '../../helpers/auth'

const DAY = 86_400_000
const uids = (ics: string) => [...ics.matchAll(/^UID:(apt_[a-z0-9]+)@/gm)].map((m) => m[1])

// The address as the page shows it, once; fetched the way a calendar app does (no cookie).
async function newFeed(cookie: string) {
  const res = await fetchApp('/appointments/calendar-feed', asBrowser(cookie, { method: 'POST' }))
  expect(res.status).toBe(200)
  const url = /id="feed-url" type="text" readonly="" value="([^"]+)"/.exec(await res.text())![1]!
  return new URL(url).pathname
}

describe('calendars', () => {
  it('serves an appointment’s .ics from its page, to its parties only', async () => {
    const { doctor } = await createDoctor()
    const patient = await createUser()
    const appointment = await createAppointment(doctor.id, patient.id)
    const page = await (await fetchApp(`/appointments/${appointment.id}`, asBrowser(await cookieFor(patient)))).text()
    expect(page).toContain(`href="/appointments/${appointment.id}/calendar.ics"`)
    const res = await fetchApp(`/appointments/${appointment.id}/calendar.ics`, asBrowser(await cookieFor(patient)))
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toBe('text/calendar; charset=utf-8')
    expect(uids(await res.text())).toEqual([appointment.id])
    expect((await fetchApp(`/appointments/${appointment.id}/calendar.ics`, asBrowser(await cookieFor(await createUser())))).status).toBe(404)
  })

  it('gives each person a private feed of their appointments, shown once, without the reason, for patients and doctors', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const patient = await createUser()
    const other = await createUser()
    const soon = await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() + 2 * DAY), reason: 'Private worry' })
    const cancelled = await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() + 4 * DAY), status: 'cancelled' })
    await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() - 90 * DAY), status: 'completed' })
    const someoneElses = await createAppointment(doctor.id, other.id, { startAt: new Date(Date.now() + 3 * DAY) })

    const cookie = await cookieFor(patient)
    const path = await newFeed(cookie)
    expect(path).toMatch(/^\/calendar\/[A-Za-z0-9_-]{40,}\.ics$/)
    const feed = await fetchApp(path)
    expect(feed.status).toBe(200)
    expect(feed.headers.get('cache-control')).toContain('no-store')
    const ics = await feed.text()
    expect(ics).toMatch(/^BEGIN:VCALENDAR\r\n/)
    expect(ics).toContain('REFRESH-INTERVAL;VALUE=DURATION:PT1H')
    // What is to come and what was cancelled (marked, so calendars update); not the distant past.
    expect(uids(ics)).toEqual([soon.id, cancelled.id])
    expect(ics).toContain('STATUS:CANCELLED')
    expect(ics).not.toContain('Private worry')
    // The page says the feed is on, and never shows the address again.
    const list = await (await fetchApp('/appointments', asBrowser(cookie))).text()
    expect(list).toContain('Replace the address')
    expect(list).not.toContain(path)

    const doctorFeed = await (await fetchApp(await newFeed(await cookieFor(doctorUser)))).text()
    expect(uids(doctorFeed)).toEqual([soon.id, someoneElses.id, cancelled.id])
    const audit = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.action, 'calendar_feed.created'), eq(schema.auditLog.actorUserId, patient.id)))
    expect(audit).toHaveLength(1)
  })

  it('stops an address that was replaced or turned off, and answers 404 to one it never made', async () => {
    const patient = await createUser()
    const cookie = await cookieFor(patient)
    const first = await newFeed(cookie)
    const second = await newFeed(cookie)
    expect((await fetchApp(first)).status).toBe(404)
    expect((await fetchApp(second)).status).toBe(200)
    const off = await fetchApp('/appointments/calendar-feed/delete', asBrowser(cookie, { method: 'POST' }))
    expect(off.status).toBe(303)
    expect(off.headers.get('location')).toBe('/appointments?feed=off')
    expect((await fetchApp(second)).status).toBe(404)
    expect((await fetchApp('/calendar/not-a-real-calendar-token-at-all.ics')).status).toBe(404)
    expect((await fetchApp('/calendar/short.ics')).status).toBe(404)
  })

  it('goes dark when the account is deactivated', async () => {
    const patient = await createUser()
    const path = await newFeed(await cookieFor(patient))
    await testDb().update(schema.users).set({ status: 'deactivated' }).where(eq(schema.users.id, patient.id))
    expect((await fetchApp(path)).status).toBe(404)
  })
})
