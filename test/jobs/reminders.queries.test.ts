import { and, eq, like } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { sendDueReminders } from '../../src/features/appointments/service/jobs'
import { jobContext } from '../helpers/jobs'
import { testDb } from '../helpers/db'
import { createAppointment, createAvailability, createDoctor, createUser } from '../helpers/factories'
import { callApi } from '../helpers/http'
import { tokenFor } from '../helpers/auth'

const HOUR = 3_600_000
const DAY = 24 * HOUR
// Each test's visits are on a day of their own, far from the days other files use, so the job
// (which sends every reminder due at the instant it is given) only meets this test's visits.
let nextDay = 0
const farDay = () => new Date(Date.UTC(2028, 0, 1) + (Math.floor(Math.random() * 2000) + nextDay++) * DAY)

async function visitAt(startAt: Date, overrides: Partial<typeof schema.appointments.$inferInsert> = {}) {
  const { doctor, user: doctorUser } = await createDoctor({ practiceAddress: null }, { name: 'Dr. Reminder' })
  const patient = await createUser({ role: 'patient', name: 'Pat Reminder' })
  const appointment = await createAppointment(doctor.id, patient.id, { startAt, ...overrides })
  return { doctor, doctorUser, patient, appointment }
}

// The reminder job alone (the cron's other jobs would act on other files' appointments at 2028's clock).
const runCron = (now: Date) => sendDueReminders(jobContext(now))

async function remindersOf(patient: { id: string; email: string }) {
  const [notes, emails] = await testDb().batch([
    testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.kind, 'reminder'))),
    testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, patient.email), like(schema.emailOutbox.subject, 'Reminder:%'))),
  ])
  return { notes, emails }
}

describe('reminders before a visit', () => {
  it('sends the 24-hour and the 1-hour reminder exactly once each, even with three cron runs at once, and none after the start', async () => {
    const start = new Date(farDay().getTime() + 10 * HOUR)
    const { patient, appointment } = await visitAt(start)

    await Promise.all([runCron(new Date(start.getTime() - 25 * HOUR)), runCron(new Date(start.getTime() - 25 * HOUR))])
    expect((await remindersOf(patient)).notes).toHaveLength(0)

    const early = new Date(start.getTime() - 23 * HOUR)
    await Promise.all([runCron(early), runCron(early), runCron(early)])
    let sent = await remindersOf(patient)
    expect(sent.notes).toHaveLength(1)
    expect(sent.emails).toHaveLength(1)
    expect(sent.notes[0]!.link).toBe(`/appointments/${appointment.id}`)
    // When (in the reader's zone), how to join, how to change it.
    expect(sent.emails[0]!.textBody).toContain('(UTC)')
    expect(sent.emails[0]!.textBody).toContain(`/appointments/${appointment.id}/call`)
    expect(sent.emails[0]!.textBody).toContain('To cancel or move it')

    const late = new Date(start.getTime() - 40 * 60_000)
    await Promise.all([runCron(late), runCron(late), runCron(late)])
    sent = await remindersOf(patient)
    expect(sent.notes).toHaveLength(2)
    expect(sent.emails).toHaveLength(2)

    await runCron(new Date(start.getTime() - 5 * 60_000))
    expect((await remindersOf(patient)).notes).toHaveLength(2)
    const [row] = await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appointment.id))
    expect(row!.reminder24hSentAt?.getTime()).toBe(early.getTime())
    expect(row!.reminder1hSentAt?.getTime()).toBe(late.getTime())
  })

  it('never reminds of a cancelled visit, and never after the start even when a stalled cron missed it', async () => {
    const start = new Date(farDay().getTime() + 9 * HOUR)
    const cancelled = await visitAt(start, { status: 'cancelled' })
    await runCron(new Date(start.getTime() - 23 * HOUR))
    await runCron(new Date(start.getTime() - 30 * 60_000))
    expect((await remindersOf(cancelled.patient)).notes).toHaveLength(0)
    // The cron stalls from two days before a visit until a minute after it began: too late for either reminder.
    const missedStart = farDay()
    const missed = await visitAt(missedStart)
    await runCron(new Date(missedStart.getTime() - 48 * HOUR))
    await runCron(new Date(missedStart.getTime() + 60_000))
    expect((await remindersOf(missed.patient)).notes).toHaveLength(0)
  })

  it('sends a reminder a stalled cron missed while the visit has not started: the 1-hour one only, once', async () => {
    const start = new Date(farDay().getTime() + 15 * HOUR)
    const { patient } = await visitAt(start, { type: 'in_person' })
    // The cron was down from 30 hours before until 20 minutes before the start.
    await runCron(new Date(start.getTime() - 20 * 60_000))
    const sent = await remindersOf(patient)
    expect(sent.notes).toHaveLength(1)
    expect(sent.emails[0]!.textBody).toContain('The address is on the appointment page.')
  })

  it('reminds 24 real hours before, across a change of the clocks (documented in docs/reminders.md)', async () => {
    // Sunday 26 March 2028, 10:00 in London (BST, 09:00 UTC); the clocks went forward at 01:00
    // UTC that morning. 24 hours before is Saturday 09:00 UTC, which London's clock shows as 09:00.
    const start = new Date('2028-03-26T09:00:00Z')
    const patient = await createUser({ role: 'patient' })
    const { doctor } = await createDoctor()
    await testDb().insert(schema.patientProfiles).values({ userId: patient.id, timezone: 'Europe/London' })
    await createAppointment(doctor.id, patient.id, { startAt: start })
    await runCron(new Date('2028-03-25T08:59:00Z'))
    expect((await remindersOf(patient)).notes.length).toBe(0)
    await runCron(new Date('2028-03-25T09:00:00Z'))
    const sent = await remindersOf(patient)
    expect(sent.notes).toHaveLength(1)
    expect(sent.emails[0]!.textBody).toContain('10:00')
    expect(sent.emails[0]!.textBody).toContain('(Europe/London)')
  })

  it('reminds a moved visit for its new time: moving it resets the reminders', async () => {
    const { doctor } = await createDoctor()
    await createAvailability(doctor.id, { maxAdvanceDays: 730 })
    const patient = await createUser({ role: 'patient' })
    // A day about a year and a half away, where no other file books.
    const day = new Date(Date.UTC(2028, 5, 1) + Math.floor(Math.random() * 60) * DAY).toISOString().slice(0, 10)
    const appointment = await createAppointment(doctor.id, patient.id, { startAt: new Date(`${day}T09:00:00Z`) })
    await runCron(new Date(`${day}T08:30:00Z`))
    expect((await remindersOf(patient)).notes).toHaveLength(1)

    const token = await tokenFor(patient)
    const nextDay = new Date(new Date(`${day}T00:00:00Z`).getTime() + DAY).toISOString().slice(0, 10)
    const moved = await callApi(token, `/api/v1/appointments/${appointment.id}/reschedule`, 'POST', { start: `${nextDay}T11:00:00Z` })
    expect(moved.status).toBe(200)
    const [row] = await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, appointment.id))
    expect([row!.reminder24hSentAt, row!.reminder1hSentAt]).toEqual([null, null])
    await runCron(new Date(`${nextDay}T10:30:00Z`))
    expect((await remindersOf(patient)).notes).toHaveLength(2)
  })
})
