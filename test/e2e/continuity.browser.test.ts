import { createClient } from '@libsql/client'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import { afterAll, describe, expect, inject, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { signedInContext, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()
const client = createClient({ url: inject('databaseUrl') })
const db = drizzle(client, { schema, casing: 'snake_case' })
afterAll(() => client.close())

const DAY_MS = 86_400_000
const userId = async (email: string) => (await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, email)))[0]!.id

// A doctor of this test's own with one 30-minute slot a day (09:00 UTC), so a patient waiting
// for a day is offered that slot only when it frees.
async function doctorWithOneSlotADay() {
  const [specialty] = await db.select({ id: schema.specialties.id }).from(schema.specialties).limit(1)
  const suffix = crypto.randomUUID().slice(0, 8)
  const userIdOf = newId('usr')
  const doctorId = newId('doc')
  await db.batch([
    db.insert(schema.users).values({ id: userIdOf, email: `dr.waitlist-${suffix}@example.test`, name: `Dr. Wren ${suffix}`, role: 'doctor' }),
    db.insert(schema.doctors).values({ id: doctorId, userId: userIdOf, licenseNumber: `WL-${suffix}`, specialtyId: specialty!.id, status: 'verified', feeCents: 5000, currency: 'EUR' }),
    db.insert(schema.availabilitySettings).values({ doctorId, timezone: 'UTC', minNoticeMinutes: 0, autoConfirm: true }),
    db.insert(schema.availabilityRules).values([1, 2, 3, 4, 5, 6, 7].map((weekday) => ({ doctorId, weekday, startMinute: 9 * 60, endMinute: 9 * 60 + 30 }))),
  ])
  return { doctorId, name: `Dr. Wren ${suffix}` }
}

describe('before and after the visit in Chromium', () => {
  it('a patient joins a waitlist, another cancels, and the first books the offered time', async () => {
    const { doctorId, name } = await doctorWithOneSlotADay()
    const day = new Date(Date.now() + 12 * DAY_MS).toISOString().slice(0, 10)
    const start = new Date(`${day}T09:00:00Z`)
    const appointmentId = newId('apt')
    await db.insert(schema.appointments).values({ id: appointmentId, patientId: await userId('pat.kim@demo.test'), doctorId, startAt: start, endAt: new Date(start.getTime() + 30 * 60_000), type: 'video', reason: 'Check-up', status: 'confirmed' })

    const waiting = await signedInContext(chromium(), appUrl, 'pat.lee@demo.test')
    const problems = watchForProblems(waiting.page)
    await waiting.page.goto(`${appUrl}/doctors/${doctorId}`)
    await waiting.page.getByRole('link', { name: 'Wait for a time' }).click()
    await waiting.page.getByRole('heading', { name: `Wait for a time with ${name}` }).waitFor()
    await waiting.page.getByLabel('From').fill(day)
    await waiting.page.getByLabel('Until').fill(day)
    await waiting.page.getByLabel('Video call').check()
    await waiting.page.getByLabel('What would you like help with?').fill('Recurring migraines')
    await waiting.page.getByRole('button', { name: 'Join the waitlist' }).click()
    await waiting.page.getByText('You are on the waitlist.').waitFor()
    expect(await waiting.page.getByText('Waiting: we will send you a link').isVisible()).toBe(true)

    const holder = await signedInContext(chromium(), appUrl, 'pat.kim@demo.test')
    await holder.page.goto(`${appUrl}/appointments/${appointmentId}`)
    await holder.page.getByRole('button', { name: 'Cancel appointment' }).click()
    await holder.page.getByRole('button', { name: 'Yes, cancel it' }).click()
    await holder.page.getByText('The appointment is cancelled.').waitFor()
    await holder.context.close()

    await waiting.page.goto(`${appUrl}/waitlist`)
    await waiting.page.getByText('Held for you:').waitFor()
    await waiting.page.getByRole('button', { name: 'Book this time' }).click()
    await waiting.page.waitForURL(/\/appointments\/apt_[a-z0-9]+\?booked=1$/)
    expect(await waiting.page.getByRole('status').textContent()).toContain(`Your appointment with ${name} is booked`)
    expect(problems).toEqual([])
    await waiting.context.close()
  })

  it('a red-flag answer shows the emergency guidance at once, with JavaScript off', async () => {
    const [doctor] = await db.select({ id: schema.doctors.id }).from(schema.doctors).innerJoin(schema.users, eq(schema.users.id, schema.doctors.userId)).where(eq(schema.users.email, 'dr.evans@demo.test'))
    const { page, context } = await signedInContext(chromium(), appUrl, 'pat.sam@demo.test', { javaScriptEnabled: false })
    await page.goto(`${appUrl}/doctors/${doctor!.id}/book`)
    const guidance = page.locator('#triage-guidance')
    expect(await guidance.isVisible()).toBe(false)
    await page.getByLabel('Difficulty breathing').check()
    expect(await guidance.isVisible()).toBe(true)
    expect(await guidance.textContent()).toContain('call 112')
    await context.close()
  })

  it('a patient reviews a completed visit and the doctor replies', async () => {
    const [doctor] = await db.select({ id: schema.doctors.id }).from(schema.doctors).innerJoin(schema.users, eq(schema.users.id, schema.doctors.userId)).where(eq(schema.users.email, 'dr.evans@demo.test'))
    const startAt = new Date(Date.now() - 3 * DAY_MS)
    const appointmentId = newId('apt')
    await db.insert(schema.appointments).values({ id: appointmentId, patientId: await userId('pat.kim@demo.test'), doctorId: doctor!.id, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Sleep', status: 'completed' })
    const words = `Calm and thorough ${crypto.randomUUID().slice(0, 6)}`

    const patient = await signedInContext(chromium(), appUrl, 'pat.kim@demo.test')
    await patient.page.goto(`${appUrl}/appointments/${appointmentId}`)
    await patient.page.getByRole('link', { name: 'Review this visit' }).click()
    await patient.page.getByLabel('5 stars').check()
    await patient.page.getByLabel('In your own words (optional)').fill(words)
    await patient.page.getByRole('button', { name: 'Publish review' }).click()
    await patient.page.getByText('Thank you: your review is published.').waitFor()
    expect(await patient.page.locator('li', { hasText: words }).textContent()).toContain('Kim')

    const doctorSide = await signedInContext(chromium(), appUrl, 'dr.evans@demo.test')
    await doctorSide.page.goto(`${appUrl}/doctor/reviews`)
    const card = doctorSide.page.locator('li', { hasText: words })
    await card.getByLabel('Reply publicly (once)').fill('Thank you, sleep well.')
    await card.getByRole('button', { name: 'Publish reply' }).click()
    await doctorSide.page.getByText('Your reply is published.').waitFor()
    await doctorSide.context.close()

    await patient.page.goto(`${appUrl}/doctors/${doctor!.id}/reviews`)
    expect(await patient.page.locator('li', { hasText: words }).textContent()).toContain('Thank you, sleep well.')
    await patient.context.close()
  })
})
