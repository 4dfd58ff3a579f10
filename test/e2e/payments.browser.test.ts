import type { Browser } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
// A slot's accessible name carries the whole date and time, e.g. "Tuesday 16 March 2027, 9:30 AM".
const FULL_SLOT_NAME = /^[A-Z][a-z]+day \d{1,2} [A-Z][a-z]+ \d{4}, \d{1,2}:\d{2} (AM|PM)$/
const chromium = useChromium()

// A time with Dr. Lucia Diaz, who takes payment when a visit is booked: a new patient books it
// and pays on the local test payment page (no Stripe keys here), whose webhook books the visit.
async function bookAndPay(browser: Browser, javaScriptEnabled: boolean) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, javaScriptEnabled })
  const res = await context.request.post(new URL('/api/v1/auth/register/patient', appUrl).toString(), { data: { email: `payer-${crypto.randomUUID().slice(0, 8)}@example.test`, password: DEMO_PASSWORD, name: 'Paula Payer' } })
  if (!res.ok()) throw new Error(`register: ${res.status()}`)
  const page = await context.newPage()
  const problems = watchForProblems(page)
  await page.goto(`${appUrl}/doctors?q=Diaz`)
  await page.getByRole('link', { name: 'Dr. Lucia Diaz' }).click()
  await page.getByRole('link', { name: 'Later days →' }).click()
  // Two different times for the two runs (the first run's is held, then booked).
  const slots = page.getByRole('radio', { name: FULL_SLOT_NAME })
  await (javaScriptEnabled ? slots.first() : slots.nth(2)).check()
  await page.getByRole('button', { name: 'Continue with this time' }).click()
  await page.getByLabel('Video call').check()
  await page.getByLabel('What would you like help with?').fill('A fever for three days')
  await page.getByRole('button', { name: 'Book appointment' }).click()
  await page.waitForURL(/\/appointments\/apt_[a-z0-9]+\/pay$/)
  expect(await page.locator('main').textContent()).toContain('We hold this time for you until')
  await page.getByRole('button', { name: /^Pay US\$80\.00$/ }).click()
  await page.waitForURL(/\/appointments\/apt_[a-z0-9]+\/paid$/)
  expect(await page.locator('h1').textContent()).toBe('Paid: your visit is booked')
  await page.getByRole('link', { name: 'See the appointment' }).click()
  expect(await page.locator('main').textContent()).toContain('Confirmed')
  expect(problems).toEqual([])
  await context.close()
}

describe('paying for a visit in Chromium', () => {
  it('books and pays with JavaScript on', async () => {
    await bookAndPay(chromium(), true)
  })

  it('books and pays with JavaScript off', async () => {
    await bookAndPay(chromium(), false)
  })
})
