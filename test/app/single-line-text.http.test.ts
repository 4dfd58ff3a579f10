import { describe, expect, it } from 'vitest'
import { createUser } from '../helpers/factories'
import { callApi } from '../helpers/http'
import { tokenFor } from '../helpers/auth'

const RLO = '\u202e'

const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; fields?: Record<string, string> } }).error

// A name or any one-line field flows into pages, email subjects and calendar files: it holds no
// line breaks, control characters or text-direction overrides, and a name follows one rule.
describe('one-line text', () => {
  it('refuses a profile name with a line break, a direction override or characters sign-up refuses', async () => {
    const token = await tokenFor(await createUser({ role: 'patient' }))
    for (const name of ['Sam\r\nBcc: x@evil.example', `Sam ${RLO}gnp.exe`, 'Sam <script>', 'x'.repeat(101)]) {
      const res = await callApi(token, '/api/v1/patient/profile', 'PUT', { name })
      expect([name, res.status]).toEqual([name, 400])
      expect((await errorOf(res)).fields).toHaveProperty('name')
    }
    expect((await callApi(token, '/api/v1/patient/profile', 'PUT', { name: 'Samira O’Neil-Ávila' })).status).toBe(200)
  })

  it('refuses control and direction-override characters in the other one-line fields', async () => {
    const token = await tokenFor(await createUser({ role: 'patient' }))
    const profile = await callApi(token, '/api/v1/patient/profile', 'PUT', { name: 'Sam Lines', city: `Lis${RLO}bon` })
    expect(profile.status).toBe(400)
    expect((await errorOf(profile)).fields).toHaveProperty('city')
    const allergy = await callApi(token, '/api/v1/patient/medical-history/allergies', 'POST', { substance: 'Penicillin\u0007' })
    expect(allergy.status).toBe(400)
    expect((await errorOf(allergy)).fields).toHaveProperty('substance')
  })
})
