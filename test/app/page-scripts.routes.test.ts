import { describe, expect, it } from 'vitest'
import { createUser } from '../helpers/factories'
import { fetchApp } from '../helpers/http'
import { asBrowser, cookieFor } from '../helpers/auth'
import { chatPair } from '../helpers/fixtures/chat'

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
      const scripts = scriptsOf(await res.text())
      expect([path, scripts.length <= 2]).toEqual([path, true])
      expect([path, scripts.some((s) => s.includes('alpine'))]).toEqual([path, false])
    }
  })

  it('gives pages without client state htmx and our small script only, in one request', async () => {
    const scripts = scriptsOf(await (await fetchApp('/doctors')).text())
    expect(scripts).toEqual([expect.stringMatching(/^\/_v\/site\.[0-9a-f]{12}\.js$/)])
  })
})
