import { describe, expect, it } from 'vitest'
import { createUser } from '../helpers/factories'
import { fetchApp } from '../helpers/http'
import { asBrowser, cookieFor } from '../helpers/auth'
import { chatPair } from '../helpers/fixtures/chat'
import { callPair } from '../helpers/fixtures/calls'

const scriptsOf = (html: string) => [...html.matchAll(/<script src="([^"]+)"/g)].map((m) => m[1]!)

// Patients are on cheap phones and slow networks: a page loads only the scripts it uses, in at
// most two requests (htmx with our small script, and the page's own client where it has one).
describe('the scripts a page loads', () => {
  it('is at most two script requests on every page, and nothing a page does not use', async () => {
    const patient = await createUser({ role: 'patient' })
    const cookie = await cookieFor(patient)
    const { conversation, patient: chatPatient } = await chatPair()
    const pages: [string, RequestInit][] = [
      ['/', {}],
      ['/login', {}],
      ['/doctors', {}],
      ['/account', asBrowser(cookie)],
      ['/record/documents', asBrowser(cookie)],
      [`/conversations/${conversation.id}`, asBrowser(await cookieFor(chatPatient))],
    ]
    for (const [path, init] of pages) {
      const res = await fetchApp(path, init)
      expect([path, res.status]).toEqual([path, 200])
      const html = await res.text()
      expect([path, scriptsOf(html).length <= 2]).toEqual([path, true])
      // Alpine comes only with the call page's bundle; no other page carries markup for it.
      expect([path, /\sx-(data|bind|on|text)\b/.test(html)]).toEqual([path, false])
    }
  })

  it('gives the call page its one bundle (chat, call and Alpine), with the call as an Alpine component', async () => {
    const { appointment, doctorUser } = await callPair()
    const res = await fetchApp(`/appointments/${appointment.id}/call`, asBrowser(await cookieFor(doctorUser)))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(scriptsOf(html)).toEqual([expect.stringMatching(/^\/_v\/site\.[0-9a-f]{12}\.js$/), expect.stringMatching(/^\/_v\/call\.[0-9a-f]{12}\.js$/)])
    expect(html).toContain('x-data="call"')
  })

  it('gives pages without client state htmx and our small script only, in one request', async () => {
    const scripts = scriptsOf(await (await fetchApp('/doctors')).text())
    expect(scripts).toEqual([expect.stringMatching(/^\/_v\/site\.[0-9a-f]{12}\.js$/)])
  })
})

describe('the design system page', () => {
  it('shows every component in development and tests, from the one stylesheet', async () => {
    const res = await fetchApp('/dev/design')
    expect(res.status).toBe(200)
    const html = await res.text()
    for (const part of ['class="notice ok"', 'class="notice warn"', 'class="notice error"', 'class="empty"', 'class="badge badge-confirmed"', 'class="danger"', '<caption>', 'class="cards-narrow"', 'Allergies and current medicines']) expect(html).toContain(part)
    expect(html).not.toMatch(/\sstyle="/)
  })
})
