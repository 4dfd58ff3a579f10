import { describe, expect, it } from 'vitest'
import { createUser } from '../helpers/factories'
import { fetchApp, ORIGIN } from '../helpers/http'
import { asBrowser, cookieFor, tokenFor } from '../helpers/auth'

// Pages and JSON built for a signed-in person must never be kept by a browser or a proxy: a
// shared computer's back button, or a cache between, would show them to the next person.
describe('caching of personal responses', () => {
  it('marks every signed-in page and API answer no-store', async () => {
    const patient = await createUser({ role: 'patient' })
    const cookie = await cookieFor(patient)
    for (const path of ['/account', '/record', '/appointments', '/']) {
      const res = await fetchApp(path, asBrowser(cookie))
      expect([path, res.headers.get('cache-control')]).toEqual([path, 'no-store'])
    }
    const api = await fetchApp('/api/v1/auth/me', { headers: { authorization: `Bearer ${await tokenFor(patient)}` } })
    expect(api.headers.get('cache-control')).toBe('no-store')
  })

  it('tells caches that a public page varies with who asks', async () => {
    const res = await fetchApp('/')
    expect(res.status).toBe(200)
    const vary = (res.headers.get('vary') ?? '').toLowerCase()
    expect(vary).toContain('cookie')
    expect(vary).toContain('authorization')
  })

  it('clears what the browser kept when signing out, by page and by API', async () => {
    const patient = await createUser({ role: 'patient' })
    const page = await fetchApp('/logout', asBrowser(await cookieFor(patient), { method: 'POST', redirect: 'manual' }))
    expect(page.status).toBe(303)
    expect(page.headers.get('clear-site-data')).toBe('"cache", "storage"')
    const api = await fetchApp('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(patient)}`, origin: ORIGIN } })
    expect(api.status).toBe(204)
    expect(api.headers.get('clear-site-data')).toBe('"cache", "storage"')
  })
})
