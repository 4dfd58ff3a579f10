import { describe, expect, it } from 'vitest'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor } from '../../helpers/auth'

const DAY = 86_400_000

// Everyone lands on their own home after signing in, not on the marketing page.
describe('each person’s home', () => {
  it('shows a patient their next appointment first, what follows, and the ways on', async () => {
    const { doctor } = await createDoctor({}, { name: 'Dr. Home Next' })
    const { doctor: later } = await createDoctor({}, { name: 'Dr. Home Later' })
    const patient = await createUser({ name: 'Hana Home' })
    await createAppointment(later.id, patient.id, { startAt: new Date(Date.now() + 9 * DAY), status: 'pending' })
    const next = await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() + 2 * DAY) })
    await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() + 1 * DAY), status: 'cancelled' })
    await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() - 5 * DAY), status: 'completed' })
    const res = await fetchApp('/home', asBrowser(await cookieFor(patient)))
    expect(res.status).toBe(200)
    const html = await res.text()
    expect(html).toContain('<h1>Hello, Hana Home</h1>')
    const nextSection = html.slice(html.indexOf('id="next-title"'), html.indexOf('id="later-title"'))
    expect(nextSection).toContain(`href="/appointments/${next.id}"`)
    expect(nextSection).toContain('Dr. Home Next')
    expect(nextSection).toContain(`href="/appointments/${next.id}/call"`)
    // The pending request follows; the cancelled and the past ones are not on the home page.
    expect(html.slice(html.indexOf('id="later-title"'))).toContain('Dr. Home Later')
    expect(new Set(html.match(/href="\/appointments\/apt_[a-z0-9]+"/g))).toHaveProperty('size', 2)
    for (const path of ['/doctors', '/conversations', '/record', '/account']) expect(html).toContain(`href="${path}"`)
  })

  it('points a patient with nothing booked to the search', async () => {
    const html = await (await fetchApp('/home', asBrowser(await cookieFor(await createUser())))).text()
    expect(html).toContain('Nothing booked.')
    expect(html).not.toContain('id="later-title"')
  })

  it('sends doctors, applicants and admins to theirs', async () => {
    const { user: doctor } = await createDoctor()
    const { user: applicant } = await createDoctor({ status: 'pending' })
    const cases: [{ id: string; role: 'patient' | 'doctor' | 'admin' }, string][] = [
      [doctor, '/doctor'],
      [applicant, '/account'],
      [await createUser({ role: 'admin', adminRole: 'super' }), '/admin'],
      [await createUser({ role: 'admin', adminRole: 'support' }), '/conversations'],
    ]
    for (const [user, home] of cases) {
      const res = await fetchApp('/home', asBrowser(await cookieFor(user)))
      expect([user.role, res.status, res.headers.get('location')]).toEqual([user.role, 303, home])
    }
  })

  it('asks a visitor to sign in first', async () => {
    const res = await fetchApp('/home', { redirect: 'manual' })
    expect(res.status).toBe(303)
    expect(res.headers.get('location')).toBe('/login?next=%2Fhome')
  })
})
