import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { settingsFrom } from '../../../src/core/settings'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { cookieFor, postForm, tokenFor } from '../../helpers/auth'
import { expectedForAll, statusesByRole } from '../../helpers/roles'

// Settings are shared by every test file running at once: these tests change only the footer
// line (which no other test reads), and put it back.
describe('platform settings', () => {
  it('are for super admins only', async () => {
    expect(await statusesByRole(['/api/v1/admin/settings'])).toEqual(expectedForAll(['/api/v1/admin/settings'], { super: 200, clinic: 403, support: 403, doctor: 403, patient: 403, anonymous: 401 }))
  })

  it('are checked, audited with before and after, and apply from the next request, read with the session', async () => {
    const admin = await createUser({ role: 'admin', adminRole: 'super' })
    const token = await tokenFor(admin)
    const refused = await callApi(token, '/api/v1/admin/settings/reminders', 'PUT', { value: { earlyHours: 1, lateHours: 2 } })
    expect(refused.status).toBe(400)
    expect(((await refused.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty('earlyHours')
    expect((await callApi(token, '/api/v1/admin/settings/no.such', 'PUT', { value: 1 })).status).toBe(404)

    const text = `In an emergency in the test clinic, call 112 (${crypto.randomUUID().slice(0, 6)}).`
    try {
      const saved = await callApi(token, '/api/v1/admin/settings/platform.emergency', 'PUT', { value: { text } })
      expect(saved.status).toBe(200)
      const page = await (await fetchApp('/account', { headers: { cookie: await cookieFor(await createUser()) } })).text()
      expect(page).toContain(text)
      const [entry] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.actorUserId, admin.id), eq(schema.auditLog.action, 'admin.setting.changed')))
      expect(entry!.metadata).toMatchObject({ after: { text } })
    } finally {
      await testDb().delete(schema.settings).where(eq(schema.settings.key, 'platform.emergency'))
    }
  })

  it('keeps what was typed on the page when it is refused', async () => {
    const cookie = await cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const res = await postForm('/admin/settings/platform.emergency', cookie, { text: 'Too short' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="Too short"')
    expect(html).toContain('must say what to do')
  })

  it('fall back to their defaults when a stored value is missing or no longer valid', () => {
    const settings = settingsFrom({ reminders: { earlyHours: 'soon' }, 'session.idle_minutes': { doctor: 12 } })
    expect(settings.reminders).toEqual({ earlyHours: 24, lateHours: 1 })
    expect(settings['session.idle_minutes']).toEqual({ patient: 60, doctor: 12, admin: 15 })
  })
})
