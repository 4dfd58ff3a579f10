import { describe, expect, it } from 'vitest'
import { createDoctor, createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { cookieFor, postForm, tokenFor } from '../../helpers/auth'

type Item = { id: string; name: string; slug: string; active: boolean }
const publicList = async () => ((await (await fetchApp('/api/v1/specialties')).json()) as { items: Item[] }).items

describe('keeping the specialties', () => {
  it('a super admin adds, renames, retires and restores one; it leaves and returns to the public list', async () => {
    const token = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const name = `Sleep Medicine ${unique('s').slice(-6)}`
    expect((await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'clinic' })), '/api/v1/admin/specialties', 'POST', { name })).status).toBe(403)
    const added = await callApi(token, '/api/v1/admin/specialties', 'POST', { name })
    expect(added.status).toBe(201)
    const { id } = (await added.json()) as { id: string }
    expect((await callApi(token, '/api/v1/admin/specialties', 'POST', { name })).status).toBe(409)
    expect((await publicList()).find((s) => s.id === id)).toMatchObject({ name })

    expect((await callApi(token, `/api/v1/admin/specialties/${id}`, 'PATCH', { name: `${name} and Rest` })).status).toBe(204)
    expect((await callApi(token, `/api/v1/admin/specialties/${id}`, 'PATCH', { active: false })).status).toBe(204)
    expect((await publicList()).find((s) => s.id === id)).toBeUndefined()
    expect((await callApi(token, `/api/v1/admin/specialties/${id}`, 'PATCH', {})).status).toBe(400)
    expect((await callApi(token, '/api/v1/admin/specialties/spc_none', 'PATCH', { active: true })).status).toBe(404)
    expect((await callApi(token, `/api/v1/admin/specialties/${id}`, 'PATCH', { active: true })).status).toBe(204)
    expect((await publicList()).find((s) => s.id === id)).toMatchObject({ name: `${name} and Rest` })
    // Each counts its verified doctors.
    await createDoctor({ specialtyId: id })
    await createDoctor({ specialtyId: id, status: 'pending' })
    const { items } = (await (await callApi(token, '/api/v1/admin/specialties')).json()) as { items: (Item & { doctors: number })[] }
    expect(items.find((s) => s.id === id)!.doctors).toBe(1)
  })

  it('works from the page without JavaScript, keeping a refused name', async () => {
    const cookie = await cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const refused = await postForm('/admin/specialties', cookie, { name: '12' })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain('value="12"')
    const html = await (await fetchApp('/admin/specialties', { headers: { cookie } })).text()
    expect(html).toContain('<caption>Specialties</caption>')
  })
})
