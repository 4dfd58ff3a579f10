import { and, count, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { describe, expect, it } from 'vitest'
import { app } from '../../../src/app'
import { createDoctor, createSpecialty } from '../../helpers/factories'
import { envWithDatabaseDown, fetchApp } from '../../helpers/http'

// Doctors patients can book (verified, account active), or all of them.
async function countDoctors(status?: 'verified') {
  const [row] = await testDb()
    .select({ value: count() })
    .from(schema.doctors)
    .innerJoin(schema.users, eq(schema.users.id, schema.doctors.userId))
    .where(status ? and(eq(schema.doctors.status, status), eq(schema.users.status, 'active')) : undefined)
  return row!.value
}

describe('home page', () => {
  it('renders a full, accessible page listing the specialties someone can be booked in, with how many doctors', async () => {
    const active = await createSpecialty()
    await createDoctor({ specialtyId: active.id })
    const empty = await createSpecialty()
    await createDoctor({ specialtyId: empty.id, status: 'pending' })
    const inactive = await createSpecialty({ active: false })
    const res = await fetchApp('/')
    expect(res.status).toBe(200)
    expect(res.headers.get('content-type')).toMatch(/^text\/html/)
    const html = await res.text()
    expect(html).toMatch(/^<!DOCTYPE html><html lang="en">/)
    expect(html).toContain('<html lang="en">')
    expect(html).toContain('<main id="main"')
    expect(html).toContain('href="#main"')
    expect(html).toContain(`>${active.name}</a> <span class="muted">· 1 doctor</span>`)
    // No dead ends: a specialty without a bookable doctor is not offered.
    expect(html).not.toContain(empty.name)
    expect(html).not.toContain(inactive.name)
  })

  it('counts verified doctors only', async () => {
    // Other files add doctors at the same time, so the page's figure is checked against the
    // database's own counts read just before and just after it: never a diff of two pages.
    await createDoctor({ status: 'verified' })
    await createDoctor({ status: 'pending' })
    const verifiedBefore = await countDoctors('verified')
    const allBefore = await countDoctors()
    const shown = Number(/(\d+) verified doctors?/.exec(await (await fetchApp('/')).text())?.[1])
    const verifiedAfter = await countDoctors('verified')
    expect(shown).toBeGreaterThanOrEqual(verifiedBefore)
    expect(shown).toBeLessThanOrEqual(verifiedAfter)
    // A page counting every doctor would show at least the pending one more.
    expect(shown).toBeLessThan(allBefore + (verifiedAfter - verifiedBefore))
  })

  it('answers an htmx request with the fragment alone', async () => {
    const res = await fetchApp('/', { headers: { 'HX-Request': 'true' } })
    expect(res.status).toBe(200)
    expect(res.headers.get('vary')).toContain('HX-Request')
    const html = await res.text()
    expect(html).not.toContain('<html')
    expect(html).toContain('id="specialties"')
  })

  it('gives a boosted htmx request the whole page', async () => {
    const res = await fetchApp('/', { headers: { 'HX-Request': 'true', 'HX-Boosted': 'true' } })
    expect(await res.text()).toContain('<html lang="en">')
  })

  it('loads htmx and our script as one deferred bundle from a hashed URL with the CSP nonce', async () => {
    const res = await fetchApp('/')
    const html = await res.text()
    const csp = res.headers.get('content-security-policy') ?? ''
    const nonce = /'nonce-([^']+)'/.exec(csp)?.[1]
    expect(nonce).toBeTruthy()
    const scripts = [...html.matchAll(/<script src="([^"]+)" nonce="([^"]+)" defer=""><\/script>/g)]
    expect(scripts.map((m) => m[1])).toEqual([expect.stringMatching(/^\/_v\/site\.[0-9a-f]{12}\.js$/)])
    expect(scripts.every((m) => m[2] === nonce)).toBe(true)
    expect(csp).not.toContain('unsafe-eval')
    expect(csp).not.toContain('unsafe-inline')
  })

  it('shows the friendly 503 page when the database is down', async () => {
    const res = await app.request('/', {}, envWithDatabaseDown())
    expect(res.status).toBe(503)
    expect(res.headers.get('retry-after')).toBe('30')
    const html = await res.text()
    expect(html).toContain('MediConnect is briefly unavailable')
    expect(html).toContain('nothing was changed')
    expect(html).not.toMatch(/select|stack|Error:/i)
  })
})
