import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'

async function withNotices() {
  const user = await createUser({ role: 'patient' })
  const cookie = await cookieFor(user)
  const rows = await testDb()
    .insert(schema.notifications)
    .values([
      { userId: user.id, kind: 'appointment_changed', title: 'Appointment confirmed: Dr. Page', body: 'Mon 3 Dec, 10:00', link: '/appointments/apt_page', createdAt: new Date(Date.now() - 60_000) },
      { userId: user.id, kind: 'message', title: 'New messages from Dr. Page', link: '/conversations', createdAt: new Date() },
    ])
    .returning()
  return { user, cookie, rows }
}

describe('the notifications page', () => {
  it('lists them newest first without JavaScript; opening one marks it read and goes to its subject', async () => {
    const { cookie, rows } = await withNotices()
    const html = await (await fetchApp('/notifications', asBrowser(cookie))).text()
    expect(html.indexOf('New messages from Dr. Page')).toBeLessThan(html.indexOf('Appointment confirmed: Dr. Page'))
    expect(html).toContain('2 unread.')
    const open = await fetchApp(`/notifications/${rows[0]!.id}/open`, asBrowser(cookie, { redirect: 'manual' }))
    expect(open.status).toBe(303)
    expect(open.headers.get('location')).toBe('/appointments/apt_page')
    expect((await testDb().select().from(schema.notifications).where(eq(schema.notifications.id, rows[0]!.id)))[0]!.readAt).not.toBeNull()
    const marked = await postForm('/notifications/read', cookie, { all: 'true' })
    expect(marked.status).toBe(303)
    expect(await (await fetchApp('/notifications', asBrowser(cookie))).text()).toContain('Nothing unread.')
  })

  it('the bell fragment shows the count for htmx to swap in', async () => {
    const { cookie } = await withNotices()
    const bell = await (await fetchApp('/notifications/bell', asBrowser(cookie, { headers: { 'hx-request': 'true' } }))).text()
    expect(bell).toMatch(/^<a href="\/notifications" id="nav-notifications"[^>]*>.*?Notifications<\/span><span class="badge">2<span class="visually-hidden"> unread/)
  })
})

describe('the notification settings page', () => {
  it('saves the boxes ticked and turns off the ones left empty', async () => {
    const user = await createUser({ role: 'patient' })
    const cookie = await cookieFor(user)
    const page = await (await fetchApp('/settings/notifications', asBrowser(cookie))).text()
    expect(page).toContain('name="reminder.email" value="on" checked')
    // Reminders by push only; messages untouched boxes go off too.
    const saved = await postForm('/settings/notifications', cookie, { 'reminder.push': 'on', 'appointment_changed.push': 'on' })
    expect(saved.status).toBe(303)
    const rows = await testDb().select().from(schema.notificationPreferences).where(and(eq(schema.notificationPreferences.userId, user.id), eq(schema.notificationPreferences.kind, 'reminder')))
    expect(rows).toMatchObject([{ email: false, push: true, sms: false }])
  })

  it('keeps a mistyped number in the form and says what is wrong', async () => {
    const cookie = await cookieFor(await createUser({ role: 'patient' }))
    const res = await postForm('/settings/notifications/phone', cookie, { phone: '07700 900123' })
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="07700 900123"')
    expect(html).toContain('with its country code')
  })
})
