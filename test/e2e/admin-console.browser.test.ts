import type { Browser } from 'playwright-core'
import { readFile } from 'node:fs/promises'
import { describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()

// A browser signed in through the API from its own request context (the cookie lands as a
// sign-in sets it): a demo account, or a new patient registered on the spot.
async function signedIn(browser: Browser, as: string, viewport = { width: 1280, height: 900 }) {
  const context = await browser.newContext({ viewport, acceptDownloads: true })
  const newPatient = as === 'new patient'
  const email = newPatient ? `console-${crypto.randomUUID().slice(0, 8)}@example.test` : as
  const path = newPatient ? '/api/v1/auth/register/patient' : '/api/v1/auth/login'
  const name = `Nora Console${crypto.randomUUID().slice(0, 4).replace(/[0-9]/g, 'x')}`
  const res = await context.request.post(new URL(path, appUrl).toString(), { data: { email, password: DEMO_PASSWORD, name } })
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`)
  return { context, page: await context.newPage(), email, name }
}

describe('the admin console in Chromium', () => {
  it('an admin finds a user and deactivates them (their open page is signed out), finds an appointment by patient name, exports it and reads a report', async () => {
    const patient = await signedIn(chromium(), 'new patient', { width: 360, height: 740 })
    await patient.page.goto(`${appUrl}/home`)
    await expect.poll(() => patient.page.evaluate(() => document.documentElement.dataset.notifications)).toBe('live')

    const admin = await signedIn(chromium(), 'admin@demo.test')
    const problems = watchForProblems(admin.page)
    await admin.page.goto(`${appUrl}/admin/users`)
    // htmx swaps the table in place (the page is not reloaded) and the URL keeps the filters.
    await admin.page.evaluate(() => Object.assign(window, { samePage: true }))
    await admin.page.getByLabel('Name or email').fill(patient.email)
    await admin.page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => new URL(admin.page.url()).searchParams.get('q')).toBe(patient.email)
    expect(await admin.page.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true)
    await admin.page.getByRole('link', { name: patient.name }).click()
    await admin.page.locator('#reason-deactivate').fill('Account reported as compromised')
    await admin.page.getByRole('button', { name: 'Deactivate this account' }).click()
    await expect.poll(() => admin.page.locator('.notice').first().textContent()).toContain('every session of it has ended')
    // The patient's open page learns at once that the session ended, and shows the sign-in page.
    await expect.poll(() => new URL(patient.page.url()).pathname, { timeout: 15_000 }).toBe('/login')

    await admin.page.goto(`${appUrl}/admin/appointments`)
    await admin.page.getByLabel('Patient, doctor or appointment id').fill('Sam Patel')
    await admin.page.getByRole('button', { name: 'Show' }).click()
    await expect.poll(() => new URL(admin.page.url()).searchParams.get('q')).toBe('Sam Patel')
    await expect.poll(() => admin.page.locator('table tbody tr').first().textContent()).toContain('Sam Patel')
    const rows = admin.page.locator('table tbody tr')
    expect(await rows.count()).toBeGreaterThan(0)
    expect(await rows.first().textContent()).toContain('Sam Patel')
    const [download] = await Promise.all([admin.page.waitForEvent('download'), admin.page.getByRole('link', { name: 'Export all matching (CSV)' }).click()])
    const csv = await readFile((await download.path())!, 'utf8')
    const lines = csv.trimEnd().split('\r\n')
    expect(lines.length - 1).toBe(await rows.count())
    expect(lines.slice(1).every((line) => line.includes('Sam Patel'))).toBe(true)

    await admin.page.goto(`${appUrl}/admin/reports`)
    await admin.page.getByRole('link', { name: 'No-shows and cancellations' }).click()
    await expect.poll(() => admin.page.locator('figure.chart svg[role="img"]').count()).toBe(1)
    expect(await admin.page.locator('table caption').last().textContent()).toBe('No-shows and cancellations')
    expect(problems).toEqual([])
    await Promise.all([patient.context.close(), admin.context.close()])
  })

  it('a clinic admin sees their clinic’s doctors, and another clinic’s doctor does not exist for them', async () => {
    const { items } = (await (await fetch(new URL('/api/v1/doctors?q=Carter', appUrl))).json()) as { items: { id: string }[] }
    const clinicAdmin = await signedIn(chromium(), 'clinic@demo.test')
    await clinicAdmin.page.goto(`${appUrl}/admin/doctors?status=all`)
    const table = await clinicAdmin.page.locator('main').textContent()
    expect(table).toContain('Dr. Ada Okafor')
    expect(table).not.toContain('Dr. Ben Carter')
    const res = await clinicAdmin.page.goto(`${appUrl}/admin/doctors/${items[0]!.id}`)
    expect(res!.status()).toBe(404)
    await clinicAdmin.context.close()
  })

  it('a patient opens a ticket and a support admin answers it', async () => {
    const patient = await signedIn(chromium(), 'new patient', { width: 360, height: 740 })
    const problems = watchForProblems(patient.page)
    await patient.page.goto(`${appUrl}/support`)
    await patient.page.getByLabel('What is it about?').selectOption('technical')
    const subject = `The calendar file ${crypto.randomUUID().slice(0, 6)}`
    await patient.page.getByLabel('Subject').fill(subject)
    await patient.page.getByLabel('What happened?').fill('My phone says the calendar file cannot be opened.')
    await patient.page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect.poll(() => patient.page.locator('.notice').first().textContent()).toContain('Your ticket is open')
    const ticketUrl = patient.page.url()

    const support = await signedIn(chromium(), 'support@demo.test')
    await support.page.goto(`${appUrl}/admin/tickets`)
    await support.page.getByRole('link', { name: subject }).click()
    await support.page.getByLabel('Reply').fill('Thanks — please try the link again, it now opens in every calendar.')
    await support.page.getByRole('button', { name: 'Send', exact: true }).click()
    await expect.poll(() => support.page.locator('.notice').first().textContent()).toContain('the requester is told')

    await patient.page.goto(ticketUrl)
    expect(await patient.page.locator('main').textContent()).toContain('it now opens in every calendar')
    expect(await patient.page.locator('#nav-notifications .badge').textContent()).toContain('1')
    expect(problems).toEqual([])
    await Promise.all([patient.context.close(), support.context.close()])
  })
})
