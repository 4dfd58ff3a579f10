import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { PUBLIC_ROUTES } from '../../src/middleware/access-control'
import { fetchApp, ORIGIN } from '../helpers/http'

// Deny by default: every registered endpoint is either on the explicit public list or refuses an
// anonymous caller (401 for the API, a redirect to sign in for pages).
const endpoints = app.routes
  .filter((r) => r.method !== 'ALL')
  .map((r) => ({ method: r.method, path: r.path }))
  .filter((r, i, all) => all.findIndex((o) => o.method === r.method && o.path === r.path) === i)

// A parameter with a pattern (:action{confirm|reject}) takes its first alternative.
const concrete = (path: string) => path.replace(/:[^/{]+\{([^}|]+)[^}]*\}/g, '$1').replace(/:[^/]+/g, 'x_probe_id')

describe('access control', () => {
  it('knows the endpoints it guards', () => {
    expect(endpoints.length).toBeGreaterThan(30)
  })

  it('lists only routes that exist as public', () => {
    const registered = new Set(endpoints.map((e) => `${e.method} ${e.path}`))
    expect([...PUBLIC_ROUTES].filter((r) => !registered.has(r))).toEqual([])
  })

  it.each(endpoints.filter((e) => !PUBLIC_ROUTES.has(`${e.method} ${e.path}`)))(
    'refuses an anonymous $method $path',
    async ({ method, path }) => {
      const res = await fetchApp(concrete(path), {
        method,
        redirect: 'manual',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: method === 'GET' || method === 'HEAD' ? undefined : '{}',
      })
      if (path.startsWith('/api/')) {
        expect(res.status).toBe(401)
        expect(((await res.json()) as { error: { code: string } }).error.code).toBe('unauthorized')
      } else if (method === 'GET') {
        expect(res.status).toBe(303)
        expect(res.headers.get('location')).toMatch(/^\/login\?next=/)
      } else {
        expect(res.status).toBe(401)
      }
    },
  )
})

describe('CSRF', () => {
  it('refuses a cookie-carrying form post from another origin', async () => {
    const res = await fetchApp('/logout', {
      method: 'POST',
      redirect: 'manual',
      headers: { origin: 'https://evil.example', cookie: '__Host-mc_session=whatever' },
    })
    expect(res.status).toBe(403)
  })

  it('refuses a cookie-carrying unsafe request that names no origin', async () => {
    const res = await fetchApp('/api/v1/auth/logout', { method: 'POST', headers: { cookie: '__Host-mc_session=x' } })
    expect(res.status).toBe(403)
    expect(((await res.json()) as { error: { code: string } }).error.code).toBe('forbidden')
  })

  it('refuses a sign-in form posted from another site (login CSRF)', async () => {
    const res = await fetchApp('/login', {
      method: 'POST',
      headers: { origin: 'https://evil.example', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'email=a%40b.test&password=whatever',
    })
    expect(res.status).toBe(403)
  })
})
