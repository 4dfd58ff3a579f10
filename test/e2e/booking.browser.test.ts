import type { Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { signIn as signInAs, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()

const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`
// A slot's accessible name carries the whole date and time, e.g. "Tuesday 16 March 2027, 9:30 AM".
const FULL_SLOT_NAME = /^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2} (AM|PM)$/

const signIn = (page: Page, email: string) => signInAs(page, appUrl, email)

// A visitor picks a time with Dr. Carter, two days or more ahead (outside every cut-off).
async function pickTimeWithDrCarter(page: Page) {
  await page.getByRole('link', { name: 'Dr. Ben Carter' }).click()
  await page.getByRole('link', { name: 'Later days →' }).click()
  const slot = page.getByRole('radio', { name: FULL_SLOT_NAME }).first()
  const chosen = await slot.getAttribute('value')
  await slot.check()
  await page.getByRole('button', { name: 'Continue with this time' }).click()
  return chosen!
}

// Asked to sign in on the way, the visitor creates an account instead, and comes back to the
// confirmation step with the time they chose.
async function signUpOnTheWay(page: Page, chosen: string) {
  await page.waitForURL(/\/login\?next=/)
  await page.getByRole('link', { name: 'Create a patient account' }).click()
  await page.getByLabel('Full name').fill('Jo Booker')
  await page.getByLabel('Email').fill(uniqueEmail('booker'))
  await page.getByLabel('Password').fill('a long enough passphrase')
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL(/\/doctors\/doc_[a-z0-9]+\/book\?start=/)
  expect(await page.locator('#booking-form input[name="start"]').getAttribute('value')).toBe(chosen)
}

async function confirmBooking(page: Page, reason: string) {
  // Each way to meet with its length and fee, and where an in-person visit is; none chosen.
  expect(await page.locator('input[name="type"]:checked').count()).toBe(0)
  expect(await page.locator('#booking-form').textContent()).toContain('In person · 30 minutes · US$120.00 At 210 West 54th Street, NY 10019, New York · Map')
  await page.getByLabel('Video call').check()
  await page.getByLabel('What would you like help with?').fill(reason)
  await page.getByRole('button', { name: 'Book appointment' }).click()
  // Dr. Carter accepts by hand: a request, and the page says so as the email does.
  await page.waitForURL(/\/appointments\/apt_[a-z0-9]+\?requested=1$/)
}

describe('booking journey in Chromium', () => {
  it('a new patient finds a doctor with live search, books, and the doctor accepts; the patient moves and cancels it', async () => {
    const patientContext = await chromium().newContext({ viewport: { width: 360, height: 740 } })
    const patient = await patientContext.newPage()
    const problems = watchForProblems(patient)

    // Live search: typing filters without a submit, and the URL follows so it can be shared.
    await patient.goto(`${appUrl}/doctors`)
    await patient.getByLabel('Doctor’s name').fill('Carter')
    await expect.poll(() => patient.url()).toContain('q=Carter')
    await expect.poll(() => patient.getByRole('link', { name: 'Dr. Ben Carter' }).count()).toBe(1)
    expect(await patient.getByRole('link', { name: 'Dr. Ada Okafor' }).count()).toBe(0)
    // Every filter is live, not only the name: the results follow a select at once.
    await patient.getByLabel('Language').selectOption('es')
    await expect.poll(() => patient.url()).toContain('language=es')
    await expect.poll(() => patient.getByRole('link', { name: 'Dr. Ben Carter' }).count()).toBe(1)
    await patient.getByLabel('City').fill('Nowhere at all')
    await expect.poll(() => patient.getByRole('heading', { name: 'No doctors match' }).count()).toBe(1)
    await patient.getByLabel('City').fill('')
    await expect.poll(() => patient.getByRole('link', { name: 'Dr. Ben Carter' }).count()).toBe(1)
    // One results region, however many updates.
    expect(await patient.locator('#results').count()).toBe(1)

    const chosen = await pickTimeWithDrCarter(patient)
    await signUpOnTheWay(patient, chosen)
    await confirmBooking(patient, 'Chest tightness when climbing stairs')
    expect(await patient.getByRole('status').textContent()).toContain('Your request is sent to Dr. Ben Carter')
    expect(await patient.getByText('Requested: waiting for the doctor').isVisible()).toBe(true)
    const appointmentUrl = patient.url().replace(/\?.*$/, '')

    // Dr. Carter accepts manually; the request is on the dashboard.
    const doctorContext = await chromium().newContext()
    const doctor = await doctorContext.newPage()
    await signIn(doctor, 'dr.ben@demo.test')
    await doctor.goto(`${appUrl}/doctor`)
    const request = doctor.getByRole('listitem').filter({ hasText: 'Jo Booker' }).filter({ hasText: 'Chest tightness' })
    await request.getByRole('button', { name: 'Accept' }).click()
    await doctor.waitForURL(/\?confirmed=1$/)
    expect(await doctor.getByText('Confirmed').first().isVisible()).toBe(true)
    await doctorContext.close()

    // The patient's home leads with the next appointment, now confirmed.
    await patient.goto(`${appUrl}/home`)
    const next = patient.getByRole('region', { name: 'Your next appointment' })
    expect(await next.textContent()).toContain('Dr. Ben Carter, Cardiology')
    await next.getByRole('link', { name: 'See the appointment' }).click()
    await patient.waitForURL(appointmentUrl)
    expect(await patient.getByText('Confirmed').isVisible()).toBe(true)

    // Move it: pick another free time with the keyboard-reachable radios.
    await patient.getByRole('link', { name: 'Choose another time' }).click()
    await patient.getByRole('link', { name: 'Later days →' }).click()
    await patient.getByRole('radio', { name: FULL_SLOT_NAME }).nth(2).check()
    await patient.getByRole('button', { name: 'Move to this time' }).click()
    await patient.waitForURL(/\?rescheduled=1$/)

    await patient.getByLabel('Reason (optional)').fill('Feeling better')
    await patient.getByRole('button', { name: 'Cancel appointment' }).click()
    // No way back, so it asks once more.
    await patient.getByRole('heading', { name: 'Cancel the appointment with Dr. Ben Carter?' }).waitFor()
    await patient.getByRole('button', { name: 'Yes, cancel it' }).click()
    await patient.waitForURL(/\?cancelled=1$/)
    expect(await patient.getByText('Cancelled', { exact: true }).isVisible()).toBe(true)
    expect(problems).toEqual([])
    await patientContext.close()
  })

  it('books with JavaScript off, and a resubmitted form lands on the same booking', async () => {
    const context = await chromium().newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    // The booking form as the browser sent it: its fields and its idempotency key.
    const sent: { url: string; body: string }[] = []
    page.on('request', (request) => {
      if (request.method() === 'POST' && /\/book$/.test(new URL(request.url()).pathname)) sent.push({ url: request.url(), body: request.postData() ?? '' })
    })
    await page.goto(`${appUrl}/doctors`)
    await page.getByLabel('Specialty').selectOption({ label: 'Cardiology' })
    await page.getByRole('button', { name: 'Search' }).click()
    await signUpOnTheWay(page, await pickTimeWithDrCarter(page))
    await confirmBooking(page, 'Follow-up on blood pressure')
    const first = new URL(page.url())
    // The browser's "resend the form" after a dropped connection: the same fields, the same key
    // (signed-in pages are no-store, so a resend is the only way back to that form).
    expect(sent).toHaveLength(1)
    const resend = await context.request.post(sent[0]!.url, {
      headers: { origin: appUrl, 'content-type': 'application/x-www-form-urlencoded' },
      data: sent[0]!.body,
      maxRedirects: 0,
    })
    expect(resend.status()).toBe(303)
    expect(resend.headers().location).toBe(`${first.pathname}${first.search}`)
    // The calendar file from the appointment's page.
    await page.goto(`${appUrl}${first.pathname}`)
    const download = page.waitForEvent('download')
    await page.getByRole('link', { name: 'Add to my calendar (.ics)' }).click()
    expect((await download).suggestedFilename()).toBe('appointment.ics')
    await page.goto(`${appUrl}/appointments`)
    expect(await page.getByRole('main').getByRole('list').getByRole('listitem').count()).toBe(1)
    // A private feed for calendar apps: shown once, and it carries the booking.
    await page.getByRole('button', { name: 'Get a calendar address' }).click()
    const feedUrl = await page.getByLabel('Calendar address').inputValue()
    const feed = await context.request.get(feedUrl.replace(/^https?:\/\/[^/]+/, appUrl))
    expect(feed.status()).toBe(200)
    expect(await feed.text()).toContain(`UID:${first.pathname.split('/').pop()}@`)
    await context.close()
  })
})
