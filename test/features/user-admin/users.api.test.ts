import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { cookieFor, postForm, tokenFor } from '../../helpers/auth'
import { expectedForAll, statusesByRole } from '../../helpers/roles'
import { Client, upgrade } from '../../helpers/websocket'

type UserItem = { id: string; name: string; email: string; status: string; email_verified: boolean }
type Page = { items: UserItem[]; next_cursor: string | null }
const superAdmin = () => createUser({ role: 'admin', adminRole: 'super', name: 'Sue Super' })
const list = async (token: string, params: Record<string, string>) => (await (await callApi(token, `/api/v1/admin/users?${new URLSearchParams(params)}`)).json()) as Page

describe('the users table', () => {
  it('is for super and support admins only: clinic admins, doctors, patients and visitors are refused', async () => {
    const target = await createUser()
    const paths = ['/api/v1/admin/users', `/api/v1/admin/users/${target.id}`, '/api/v1/admin/users.csv']
    expect(await statusesByRole(paths)).toEqual(expectedForAll(paths, { super: 200, support: 200, clinic: 403, doctor: 403, patient: 403, anonymous: 401 }))
    // Only super admins change whether an account is active.
    const support = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    expect((await callApi(support, `/api/v1/admin/users/${target.id}/deactivate`, 'POST', { reason: 'Asked by the person' })).status).toBe(403)
  })

  it('finds, filters and sorts, and pages by keyset without skipping or repeating rows while rows are added', async () => {
    const token = await tokenFor(await superAdmin())
    const tag = unique('kp').toLowerCase()
    await testDb()
      .insert(schema.users)
      .values(Array.from({ length: 55 }, (_, i) => ({ email: `${tag}-${String(i).padStart(2, '0')}@example.test`, name: `Keyset ${tag} ${String(i).padStart(2, '0')}`, role: 'patient' as const, emailVerifiedAt: i % 2 ? new Date() : null })))
    const first = await list(token, { q: tag, sort: 'name', dir: 'asc' })
    expect(first.items).toHaveLength(50)
    expect(first.items[0]!.name).toBe(`Keyset ${tag} 00`)
    // A new row that sorts before the page boundary does not shift the next page.
    await testDb().insert(schema.users).values({ email: `${tag}-000@example.test`, name: `Keyset ${tag} 000`, role: 'patient' })
    const second = await list(token, { q: tag, sort: 'name', dir: 'asc', cursor: first.next_cursor! })
    expect(second.items.map((u) => u.name)).toEqual([50, 51, 52, 53, 54].map((i) => `Keyset ${tag} ${i}`))
    expect(second.next_cursor).toBeNull()

    const unconfirmed = await list(token, { q: tag, verified: 'no', sort: 'email', dir: 'desc' })
    expect(unconfirmed.items.every((u) => !u.email_verified)).toBe(true)
    expect(unconfirmed.items[0]!.email).toBe(`${tag}-54@example.test`)
    expect((await callApi(token, '/api/v1/admin/users?sort=password')).status).toBe(400)
    expect((await callApi(token, '/api/v1/admin/users?cursor=nonsense')).status).toBe(400)
  })

  it('exports every matching row as CSV, streamed, with formulas defused', async () => {
    const token = await tokenFor(await superAdmin())
    const tag = unique('csv').toLowerCase()
    await testDb()
      .insert(schema.users)
      .values([
        ...Array.from({ length: 520 }, (_, i) => ({ email: `${tag}-${i}@example.test`, name: `Export ${tag} ${i}`, role: 'patient' as const })),
        { email: `${tag}-formula@example.test`, name: `=HYPERLINK("x") ${tag}`, role: 'patient' as const },
      ])
    const res = await callApi(token, `/api/v1/admin/users.csv?q=${tag}`)
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8')
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="users.csv"')
    const lines = (await res.text()).trimEnd().split('\r\n')
    expect(lines[0]).toBe('id,name,email,role,admin_role,status,email_verified,created_at')
    expect(lines).toHaveLength(522)
    expect(lines.find((l) => l.includes('formula'))).toContain(`"'=HYPERLINK(""x"") ${tag}"`)
  })
})

describe('changing an account', () => {
  it('deactivating asks why, ends every session and open socket at once, is audited with before and after, and can be undone', async () => {
    const admin = await superAdmin()
    const token = await tokenFor(admin)
    const person = await createUser({ role: 'patient' })
    const personToken = await tokenFor(person)
    const res = await upgrade('/notifications/socket', { token: personToken })
    const socket = new Client(res.webSocket!)
    await socket.next((f) => f.type === 'ready')

    expect((await callApi(token, `/api/v1/admin/users/${person.id}/deactivate`, 'POST', {})).status).toBe(400)
    const done = await callApi(token, `/api/v1/admin/users/${person.id}/deactivate`, 'POST', { reason: 'Fraudulent bookings' })
    expect(done.status).toBe(200)
    expect(((await done.json()) as { user: UserItem }).user.status).toBe('deactivated')
    expect((await callApi(personToken, '/api/v1/auth/me')).status).toBe(401)
    expect(await socket.closed).toEqual({ code: 4003, reason: 'Signed out' })
    const [entry] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, person.id), eq(schema.auditLog.action, 'admin.user.deactivated')))
    expect(entry).toMatchObject({ actorUserId: admin.id, metadata: { before: { status: 'active' }, after: { status: 'deactivated' }, reason: 'Fraudulent bookings' } })
    expect((await callApi(token, `/api/v1/admin/users/${person.id}/deactivate`, 'POST', { reason: 'Again' })).status).toBe(409)

    expect((await callApi(token, `/api/v1/admin/users/${person.id}/reactivate`, 'POST', { reason: 'Cleared after review' })).status).toBe(200)
    // Nobody deactivates themselves.
    expect((await callApi(token, `/api/v1/admin/users/${admin.id}/deactivate`, 'POST', { reason: 'Leaving' })).status).toBe(409)
  })

  it('a support admin signs someone out everywhere and resends a confirmation link, from the page', async () => {
    const support = await createUser({ role: 'admin', adminRole: 'support' })
    const cookie = await cookieFor(support)
    const person = await createUser({ role: 'patient', emailVerifiedAt: null })
    const personToken = await tokenFor(person)
    const page = await (await fetchApp(`/admin/users/${person.id}`, { headers: { cookie } })).text()
    expect(page).toContain('Sign out everywhere')
    expect(page).not.toContain('Deactivate this account')
    expect((await postForm(`/admin/users/${person.id}/sign-out`, cookie, { reason: '' })).status).toBe(422)
    const out = await postForm(`/admin/users/${person.id}/sign-out`, cookie, { reason: 'Lost their phone' })
    expect(out.status).toBe(303)
    expect((await callApi(personToken, '/api/v1/auth/me')).status).toBe(401)
    expect((await postForm(`/admin/users/${person.id}/resend-verification`, cookie, {})).status).toBe(303)
    const [email] = await testDb().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, person.email))
    expect(email!.subject).toBe('Confirm your email address for MediConnect')
  })

  it('the table page works without JavaScript: a caption, sortable headers that say how they sort, the filters kept', async () => {
    const cookie = await cookieFor(await superAdmin())
    const html = await (await fetchApp('/admin/users?role=admin&sort=name&dir=asc', { headers: { cookie } })).text()
    expect(html).toContain('<caption>Users</caption>')
    expect(html).toMatch(/<th scope="col" aria-sort="ascending"><a href="\/admin\/users\?role=admin&amp;sort=name&amp;dir=desc">Name/)
    expect(html).toContain('<option value="admin" selected="">Admin</option>')
  })
})
