import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { callPair } from '../../helpers/fixtures/calls'

const page = async (path: string, cookie: string) => {
  const res = await fetchApp(path, asBrowser(cookie))
  return { status: res.status, html: await res.text(), location: res.headers.get('location') }
}

describe('the call page', () => {
  it('works as a page without JavaScript: it explains the call needs it, links back, and carries the appointment’s chat', async () => {
    const { appointment, patient } = await callPair()
    const { status, html } = await page(`/appointments/${appointment.id}/call`, await cookieFor(patient))
    expect(status).toBe(200)
    expect(html).toContain('<h1 id="call-title">Video call with Dr. Call</h1>')
    expect(html).toMatch(/<div id="call-nojs" class="notice"[^>]*><p>The video call needs JavaScript/)
    expect(html).toContain(`<a href="/appointments/${appointment.id}">go back to the appointment</a>`)
    // The appointment's chat is on the call page, so a call that cannot connect goes on as a chat.
    expect(html).toMatch(/<section id="call-chat" aria-label="Chat"><section class="chat" id="chat"[^>]*><h2 id="chat-title">Chat with Dr\. Call<\/h2>/)
    expect(html).toContain(`action="/conversations/`)
    // The call itself stays hidden until call.js shows it; the script is on the page.
    expect(html).toMatch(/<div id="call-app" hidden=""[^>]*>/)
    expect(html).toMatch(/<script src="\/_v\/call\.[0-9a-f]{12}\.js"/)
    expect(html).toContain(`data-ws="/api/v1/appointments/${appointment.id}/call"`)
    expect(html).toContain('data-ice-servers="[]"')
    // Real buttons with their state, and one live region for what happens.
    for (const label of ['Mute', 'Camera off', 'Audio only']) expect(html).toMatch(new RegExp(`<button type="button" id="call-[a-z-]+" class="secondary" aria-pressed="false"[^>]*>${label}</button>`))
    expect(html).toMatch(/<p id="call-status" class="call-status" role="status" aria-live="polite"[^>]*><\/p>/)
    // No inline script or style (the CSP forbids both).
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/)
    expect(html).not.toMatch(/\sstyle="/)
    // Only the doctor completes the appointment.
    expect(html).not.toContain('/complete"')
  })

  it('lets the doctor mark the appointment completed from the call page', async () => {
    const { appointment, doctorUser } = await callPair()
    const cookie = await cookieFor(doctorUser)
    const { html } = await page(`/appointments/${appointment.id}/call`, cookie)
    expect(html).toContain('<h1 id="call-title">Video call with Pat Call</h1>')
    expect(html).toMatch(new RegExp(`<form method="post" action="/appointments/${appointment.id}/complete" class="call-complete"><button type="submit" class="secondary">Mark the appointment as completed</button>`))
    const done = await postForm(`/appointments/${appointment.id}/complete`, cookie, {})
    expect(done.status).toBe(303)
    const [row] = await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appointment.id))
    expect(row!.status).toBe('completed')
    // A completed appointment has no call any more.
    const after = await page(`/appointments/${appointment.id}/call`, cookie)
    expect(after.status).toBe(409)
    expect(after.html).toContain('There is no call: the appointment is completed.')
  })

  it('says when the call opens, in the viewer’s zone, outside the window', async () => {
    const { appointment, patient } = await callPair({ startAt: new Date(Date.UTC(2031, 2, 4, 9, 30)) })
    const { status, html } = await page(`/appointments/${appointment.id}/call?tz=Europe/Berlin`, await cookieFor(patient))
    expect(status).toBe(409)
    expect(html).toContain('The call opens at Tuesday 4 March 2031, 10:15 AM (Europe/Berlin), shortly before the appointment starts.')
    expect(html).toContain(`<a class="button secondary" href="/appointments/${appointment.id}">Back to the appointment</a>`)
    expect(html).not.toContain('id="call-app"')
  })

  it('is the appointment’s two parties’ only: 404 for anyone else, sign-in for nobody', async () => {
    const { appointment } = await callPair()
    const path = `/appointments/${appointment.id}/call`
    expect((await page(path, await cookieFor(await createUser()))).status).toBe(404)
    expect((await page(path, await cookieFor(await createUser({ role: 'admin', adminRole: 'super' })))).status).toBe(404)
    const anonymous = await fetchApp(path, { redirect: 'manual' })
    expect(anonymous.status).toBe(303)
    expect(anonymous.headers.get('location')).toBe(`/login?next=${encodeURIComponent(path)}`)
  })
})

describe('the appointment page', () => {
  it('offers the video call to its two parties while the appointment is confirmed and not over', async () => {
    const { appointment, patient, doctorUser } = await callPair()
    const link = `<a class="button" href="/appointments/${appointment.id}/call">Join video call</a>`
    expect((await page(`/appointments/${appointment.id}`, await cookieFor(patient))).html).toContain(link)
    expect((await page(`/appointments/${appointment.id}`, await cookieFor(doctorUser))).html).toContain(link)
    const pending = await callPair({ status: 'pending' })
    expect((await page(`/appointments/${pending.appointment.id}`, await cookieFor(pending.patient))).html).not.toContain('Join video call')
    const past = await callPair({ startAt: new Date(Date.now() - 2 * 3_600_000) })
    expect((await page(`/appointments/${past.appointment.id}`, await cookieFor(past.patient))).html).not.toContain('Join video call')
  })
})
