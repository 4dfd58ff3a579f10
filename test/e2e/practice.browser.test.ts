import { createClient } from '@libsql/client'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import { afterAll, describe, expect, inject, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { signedInContext, useChromium } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()
const client = createClient({ url: inject('databaseUrl') })
const db = drizzle(client, { schema, casing: 'snake_case' })
afterAll(() => client.close())

describe('the practice in Chromium', () => {
  it('time off over a booked visit shows it first, and cancelling tells the patient, with JavaScript off', async () => {
    // A confirmed visit of Dr. Tom Evans with Lee Morgan, at an hour of its own far ahead.
    const [doctor] = await db.select({ id: schema.doctors.id }).from(schema.doctors).innerJoin(schema.users, eq(schema.users.id, schema.doctors.userId)).where(eq(schema.users.email, 'dr.evans@demo.test'))
    const [patient] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, 'pat.lee@demo.test'))
    const day = new Date(Date.now() + 200 * 86_400_000).toISOString().slice(0, 10)
    const startAt = new Date(`${day}T12:00:00Z`)
    const id = newId('apt')
    await db.insert(schema.appointments).values({ id, patientId: patient!.id, doctorId: doctor!.id, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Check-in', status: 'confirmed' })

    const { page, context } = await signedInContext(chromium(), appUrl, 'dr.evans@demo.test', { javaScriptEnabled: false })
    await page.goto(`${appUrl}/doctor/time-off`)
    await page.getByLabel('First day').fill(day)
    await page.getByLabel('Last day').fill(day)
    await page.getByRole('button', { name: 'Add time off' }).click()
    const choice = page.locator('#time-off-overlaps')
    expect(await choice.getByRole('heading').textContent()).toContain('This time off covers 1 booked appointment')
    expect(await choice.textContent()).toContain('Lee Morgan')
    await choice.getByLabel(/Cancel them/).check()
    await choice.getByRole('button', { name: 'Add time off' }).click()
    await page.getByText('each patient was told and offered another time').waitFor()
    const [row] = await db.select({ status: schema.appointments.status }).from(schema.appointments).where(eq(schema.appointments.id, id))
    expect(row!.status).toBe('cancelled')
    await context.close()
  })

  it('an admin verifies a doctor only after a second step naming the licence, with JavaScript off', async () => {
    const { page, context } = await signedInContext(chromium(), appUrl, 'admin@demo.test', { javaScriptEnabled: false })
    await page.goto(`${appUrl}/admin/doctors`)
    await page.getByRole('button', { name: 'Verify Dr. Pat Pending' }).click()
    await page.getByRole('heading', { name: 'Verify Dr. Pat Pending?' }).waitFor()
    expect(await page.locator('.confirm-step dt', { hasText: 'Licence' }).isVisible()).toBe(true)
    await page.getByRole('button', { name: 'Yes, verify' }).click()
    await page.getByText('Doctor verified and emailed.').waitFor()
    await context.close()
  })
})
