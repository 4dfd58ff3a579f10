import { describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD } from '../helpers/browser'

// The consultation types setting is platform-wide: switching one off here would change what
// every other test could book, so it is tried on the e2e stack, whose files run one at a time,
// and switched back on before the test ends.
const appUrl = inject('appUrl')

async function call(path: string, init: { token?: string; method?: string; body?: unknown } = {}) {
  return fetch(new URL(path, appUrl), {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
}
const signIn = async (email: string) => ((await (await call('/api/v1/auth/login', { body: { email, password: DEMO_PASSWORD } })).json()) as { token: string }).token

describe('the consultation types setting', () => {
  it('a type switched off is offered by no doctor and booked by no patient, until it is on again', async () => {
    const admin = await signIn('admin@demo.test')
    const allOff = await call('/api/v1/admin/settings/appointments.types', { token: admin, method: 'PUT', body: { value: { video: false, chat: false, in_person: false } } })
    expect(allOff.status).toBe(400)
    expect(JSON.stringify(await allOff.json())).toContain('at least one kind of visit must stay on')

    const { items } = (await (await call('/api/v1/doctors?q=Okafor')).json()) as { items: { id: string }[] }
    const doctorId = items[0]!.id
    const { slots } = (await (await call(`/api/v1/doctors/${doctorId}/slots`)).json()) as { slots: { start: string }[] }
    const patient = await signIn('pat.lee@demo.test')
    const ada = await signIn('dr.ada@demo.test')
    const profile = ((await (await call('/api/v1/doctor/profile', { token: ada })).json()) as { profile: Record<string, unknown> }).profile
    expect(((await call('/api/v1/admin/settings/appointments.types', { token: admin, method: 'PUT', body: { value: { video: true, chat: false, in_person: true } } })).status)).toBe(200)
    try {
      const booked = await call('/api/v1/appointments', { token: patient, body: { doctor_id: doctorId, start: slots.at(-1)!.start, type: 'chat', reason: 'A quick question' } })
      expect(booked.status).toBe(400)
      expect(((await booked.json()) as { error: { fields: Record<string, string> } }).error.fields.type).toBe('is not offered on MediConnect at the moment')
      const page = await (await fetch(new URL(`/doctors/${doctorId}/book?start=${encodeURIComponent(slots.at(-1)!.start)}`, appUrl), { headers: { cookie: `__Host-mc_session=${patient}` } })).text()
      expect(page).toContain('value="video"')
      expect(page).not.toContain('value="chat"')
      const body = { specialty_id: profile.specialty_id, bio: profile.bio, city: profile.city, practice_address: profile.practice_address, languages: profile.languages, fee_cents: profile.fee_cents, currency: profile.currency, consultation_types: [{ type: 'chat', duration_minutes: 20 }] }
      const saved = await call('/api/v1/doctor/profile', { token: ada, method: 'PUT', body })
      expect(saved.status).toBe(400)
      expect(JSON.stringify(await saved.json())).toContain('MediConnect does not offer it')
    } finally {
      await call('/api/v1/admin/settings/appointments.types', { token: admin, method: 'PUT', body: { value: { video: true, chat: true, in_person: true } } })
    }
  })
})
