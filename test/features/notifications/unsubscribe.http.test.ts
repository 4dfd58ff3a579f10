import { and, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { sendDueReminders } from '../../../src/features/appointments/service/jobs'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'
import { jobContext } from '../../helpers/jobs'

const DAY = 86_400_000
const remindersTo = (email: string) => testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, email), like(schema.emailOutbox.subject, 'Reminder:%')))

describe('leaving a kind of email', () => {
  it('a reminder carries a one-click unsubscribe (RFC 8058) that stops the next one; booking emails carry none', async () => {
    const { doctor } = await createDoctor()
    const patient = await createUser({ role: 'patient' })
    const first = new Date(Date.UTC(2030, 0, 1) + Math.floor(Math.random() * 300) * DAY)
    await createAppointment(doctor.id, patient.id, { startAt: first })
    await sendDueReminders(jobContext(new Date(first.getTime() - 30 * 60_000)))
    const [email] = await remindersTo(patient.email)
    expect(email!.headers!['List-Unsubscribe-Post']).toBe('List-Unsubscribe=One-Click')
    const link = /^<(.+)>$/.exec(email!.headers!['List-Unsubscribe']!)![1]!
    expect(email!.textBody).toContain(link)
    const path = new URL(link).pathname + new URL(link).search

    // Opening the link only asks (mail scanners open links); a tampered link changes nothing.
    const page = await (await fetchApp(path)).text()
    expect(page).toContain('Stop these emails?')
    const tampered = path.slice(0, -10) + (path.at(-10) === 'A' ? 'B' : 'A') + path.slice(-9)
    expect((await fetchApp(tampered, { method: 'POST' })).status).toBe(404)
    // The mail app's one-click POST: no session, no page.
    const oneClick = await fetchApp(path, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' })
    expect(oneClick.status).toBe(200)
    const prefs = (await (await callApi(await tokenFor(patient), '/api/v1/notification-preferences')).json()) as { preferences: Record<string, Record<string, boolean>> }
    expect(prefs.preferences.reminder).toEqual({ email: false, push: true, sms: false })

    const second = new Date(first.getTime() + 7 * DAY)
    await createAppointment(doctor.id, patient.id, { startAt: second })
    await sendDueReminders(jobContext(new Date(second.getTime() - 30 * 60_000)))
    expect(await remindersTo(patient.email)).toHaveLength(1)
    const notes = await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.kind, 'reminder')))
    expect(notes).toHaveLength(2)
  })

  it('is not offered for what changes a booking', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const patient = await createUser({ role: 'patient' })
    const appointment = await createAppointment(doctor.id, patient.id, { status: 'pending' })
    await callApi(await tokenFor(doctorUser), `/api/v1/appointments/${appointment.id}/confirm`, 'POST', {})
    const [email] = await testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, patient.email), like(schema.emailOutbox.subject, 'Appointment confirmed%')))
    expect(email!.headers).toBeNull()
    expect(email!.textBody).not.toContain('/unsubscribe')
  })
})
