import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { sendDueReminders } from '../../../src/features/appointments/service/jobs'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { cookieFor, tokenFor } from '../../helpers/auth'
import { jobContext } from '../../helpers/jobs'

type Page = { items: { id: string; kind: string; title: string; body: string | null; link: string; read_at: string | null; created_at: string }[]; next_cursor: string | null; unread_count: number }
const list = async (token: string, cursor?: string) => (await (await callApi(token, `/api/v1/notifications${cursor ? `?cursor=${cursor}` : ''}`)).json()) as Page

async function visit(status: 'pending' | 'confirmed' = 'pending') {
  const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Bell' })
  const patient = await createUser({ role: 'patient', name: 'Pia Bell' })
  const appointment = await createAppointment(doctor.id, patient.id, { status })
  return { doctorUser, patient, appointment, patientToken: await tokenFor(patient), doctorToken: await tokenFor(doctorUser) }
}

describe('the notification centre', () => {
  it('tells the patient when the doctor confirms, in the batch of the change; the list, the count and marking read', async () => {
    const { patient, appointment, patientToken, doctorToken } = await visit()
    expect(await list(patientToken)).toMatchObject({ items: [], unread_count: 0, next_cursor: null })
    expect((await callApi(doctorToken, `/api/v1/appointments/${appointment.id}/confirm`, 'POST', {})).status).toBe(200)

    const page = await list(patientToken)
    expect(page.unread_count).toBe(1)
    expect(page.items).toMatchObject([{ kind: 'appointment_changed', title: 'Appointment confirmed: Dr. Bell', link: `/appointments/${appointment.id}`, read_at: null }])
    // Who did what, and when; no reason for the visit.
    expect(page.items[0]!.body).not.toContain('Follow-up')

    // The header's bell carries the count on every page.
    const html = await (await fetchApp('/home', { headers: { cookie: await cookieFor(patient) } })).text()
    expect(html).toMatch(/id="nav-notifications"[^>]*>.*?Notifications<\/span><span class="badge">1<span class="visually-hidden"> unread/)

    // Someone else's id is ignored; then the patient's own.
    const stranger = await tokenFor(await createUser())
    expect((await callApi(stranger, '/api/v1/notifications/read', 'POST', { ids: [page.items[0]!.id] })).status).toBe(204)
    expect((await list(patientToken)).unread_count).toBe(1)
    expect((await callApi(patientToken, '/api/v1/notifications/read', 'POST', { ids: [page.items[0]!.id] })).status).toBe(204)
    const read = await list(patientToken)
    expect(read.unread_count).toBe(0)
    expect(read.items[0]!.read_at).not.toBeNull()
  })

  it('pages newest first with a cursor, and marks all read at once', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const base = Date.now()
    await testDb()
      .insert(schema.notifications)
      .values(Array.from({ length: 25 }, (_, i) => ({ userId: user.id, kind: 'message', title: `Note ${i}`, link: '/conversations', createdAt: new Date(base - i * 1000) })))
    const first = await list(token)
    expect(first.items).toHaveLength(20)
    expect(first.items[0]!.title).toBe('Note 0')
    expect(first.unread_count).toBe(25)
    const second = await list(token, first.next_cursor!)
    expect(second.items.map((n) => n.title)).toEqual(['Note 20', 'Note 21', 'Note 22', 'Note 23', 'Note 24'])
    expect(second.next_cursor).toBeNull()
    expect((await callApi(token, '/api/v1/notifications/read', 'POST', { all: true })).status).toBe(204)
    expect((await list(token)).unread_count).toBe(0)
  })

  it('refuses what it cannot use with a 4xx in the error shape, and strangers get nothing', async () => {
    const token = await tokenFor(await createUser())
    for (const body of [{}, { ids: [] }, { all: false }, { ids: 'x' }, { ids: ['a'], all: true }]) {
      const res = await callApi(token, '/api/v1/notifications/read', 'POST', body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed')
    }
    expect((await callApi(token, '/api/v1/notifications?cursor=not-a-cursor')).status).toBe(400)
    expect((await fetchApp('/api/v1/notifications')).status).toBe(401)
    const other = await createUser()
    const [note] = await testDb().insert(schema.notifications).values({ userId: other.id, kind: 'message', title: 'Private', link: '/conversations' }).returning()
    const res = await fetchApp(`/notifications/${note!.id}/open`, { headers: { cookie: await cookieFor(await createUser()) }, redirect: 'manual' })
    expect(res.status).toBe(404)
  })
})

describe('notification preferences', () => {
  it('start from the defaults, change per kind and channel, and are honoured per channel', async () => {
    const patient = await createUser({ role: 'patient' })
    const token = await tokenFor(patient)
    const defaults = (await (await callApi(token, '/api/v1/notification-preferences')).json()) as { preferences: Record<string, Record<string, boolean>>; kinds: { kind: string; choosable: string[] }[]; sms_number: string | null }
    expect(defaults.preferences.reminder).toEqual({ email: true, push: true, sms: false })
    expect(defaults.kinds.find((k) => k.kind === 'appointment_changed')!.choosable).toEqual(['push', 'sms'])
    expect(defaults.sms_number).toBeNull()

    // Email for what changes a booking cannot be turned off; texts need a confirmed number.
    for (const [preferences, field] of [
      [{ appointment_changed: { email: false } }, 'preferences.appointment_changed.email'],
      [{ reminder: { sms: true } }, 'preferences.reminder.sms'],
      [{ document: { sms: true } }, 'preferences.document.sms'],
    ] as const) {
      const res = await callApi(token, '/api/v1/notification-preferences', 'PUT', { preferences })
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { fields: Record<string, string> } }).error.fields).toHaveProperty([field])
    }
    expect((await callApi(token, '/api/v1/notification-preferences', 'PUT', { preferences: { nonsense: { email: false } } })).status).toBe(400)

    const saved = await callApi(token, '/api/v1/notification-preferences', 'PUT', { preferences: { reminder: { email: false } } })
    expect(saved.status).toBe(200)
    expect(((await saved.json()) as { preferences: Record<string, unknown> }).preferences.reminder).toEqual({ email: false, push: true, sms: false })

    // A reminder now reaches the patient in the app, and not by email.
    const { doctor } = await createDoctor()
    const start = new Date(Date.UTC(2029, 1, 1) + Math.floor(Math.random() * 300) * 86_400_000)
    await createAppointment(doctor.id, patient.id, { startAt: start })
    await sendDueReminders(jobContext(new Date(start.getTime() - 30 * 60_000)))
    const notes = await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.kind, 'reminder')))
    expect(notes).toHaveLength(1)
    expect(await testDb().select().from(schema.emailOutbox).where(eq(schema.emailOutbox.toAddress, patient.email))).toEqual([])
  })
})
