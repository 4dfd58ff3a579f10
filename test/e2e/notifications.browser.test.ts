import type { Browser, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { DEMO_PASSWORD, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()

async function api<T>(path: string, init: { token?: string; method?: string; body?: unknown } = {}) {
  const res = await fetch(new URL(path, appUrl), {
    method: init.method ?? (init.body ? 'POST' : 'GET'),
    headers: { ...(init.token ? { authorization: `Bearer ${init.token}` } : {}), ...(init.body ? { 'content-type': 'application/json' } : {}) },
    body: init.body ? JSON.stringify(init.body) : undefined,
  })
  if (!res.ok) throw new Error(`${path}: ${res.status} ${await res.text()}`)
  return (res.status === 204 ? undefined : await res.json()) as T
}

// A phone-sized browser signed in through the API from the browser's own request context, so
// the session cookie lands in the browser as the sign-in sets it (the form's sign-ins are
// rate-limited per address, and every browser test signs in from this one): a new patient (their
// bell starts at nothing), or a demo account.
async function signedInBrowser(browser: Browser, as: 'new patient' | string) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 } })
  const email = as === 'new patient' ? `bell-${crypto.randomUUID().slice(0, 8)}@example.test` : as
  const path = as === 'new patient' ? '/api/v1/auth/register/patient' : '/api/v1/auth/login'
  const res = await context.request.post(new URL(path, appUrl).toString(), { data: { email, password: DEMO_PASSWORD, name: 'Bea Bell' } })
  if (!res.ok()) throw new Error(`${path}: ${res.status()} ${await res.text()}`)
  const { token } = (await res.json()) as { token: string }
  return { context, token, page: await context.newPage() }
}

// The patient of the fallback and settings tests (registrations are rate-limited per address too).
let quietPatient: ReturnType<typeof signedInBrowser> | undefined

// A free time with Dr. Ben Carter, who answers requests himself; picked at random among his
// next free times so other files' bookings do not collide with it.
async function requestWithBen(patientToken: string) {
  const { items } = await api<{ items: { id: string }[] }>('/api/v1/doctors?q=Carter')
  const { slots } = await api<{ slots: { start: string }[] }>(`/api/v1/doctors/${items[0]!.id}/slots`)
  const slot = slots[Math.floor(Math.random() * slots.length)]!
  const { appointment } = await api<{ appointment: { id: string } }>('/api/v1/appointments', { token: patientToken, body: { doctor_id: items[0]!.id, start: slot.start, type: 'video', reason: 'Palpitations' } })
  return appointment.id
}

const bellCount = (page: Page) => page.locator('#nav-notifications .badge').textContent({ timeout: 1000 }).catch(() => '0')

describe('live notifications in Chromium', () => {
  it('the patient’s bell and the doctor’s dashboard update as things happen, without reloading', async () => {
    const { context: patientContext, page: patientPage, token: patientToken } = await signedInBrowser(chromium(), 'new patient')
    const problems = watchForProblems(patientPage)
    await patientPage.goto(`${appUrl}/home`)
    await expect.poll(() => patientPage.evaluate(() => document.documentElement.dataset.notifications)).toBe('live')
    expect(await bellCount(patientPage)).toContain('0')

    const ben = await signedInBrowser(chromium(), 'dr.ben@demo.test')
    await ben.page.goto(`${appUrl}/doctor`)
    await expect.poll(() => ben.page.evaluate(() => document.documentElement.dataset.notifications)).toBe('live')
    const waiting = () => ben.page.locator('#practice-live .counts li').nth(1).locator('strong').textContent()
    const before = Number(await waiting())

    const appointmentId = await requestWithBen(patientToken)
    // The patient's "request sent", and the doctor's "waiting for you", arrive by themselves.
    await expect.poll(() => bellCount(patientPage), { timeout: 10_000 }).toContain('1')
    await expect.poll(async () => Number(await waiting()), { timeout: 10_000 }).toBe(before + 1)
    expect(await ben.page.locator('#practice-live').textContent()).toContain('Bea Bell')

    // The doctor accepts: the patient's bell counts it at once.
    await ben.page.locator(`#practice-live form[action="/appointments/${appointmentId}/confirm"] button`).click()
    await expect.poll(() => bellCount(patientPage), { timeout: 10_000 }).toContain('2')
    await patientPage.locator('#nav-notifications').click()
    await patientPage.waitForURL(/\/notifications$/)
    expect(await patientPage.getByRole('heading', { level: 2 }).first().textContent()).toContain('Appointment confirmed: Dr. Ben Carter')
    expect(problems).toEqual([])
    await Promise.all([patientContext.close(), ben.context.close()])
  })

  it('falls back to asking once a minute when the socket is blocked', async () => {
    const patient = await (quietPatient ??= signedInBrowser(chromium(), 'new patient'))
    const { page } = patient
    // A network that refuses WebSockets to us.
    await page.routeWebSocket(/\/notifications\/socket$/, (ws) => ws.close({ code: 1011, reason: 'blocked' }))
    await page.clock.install()
    await page.goto(`${appUrl}/home`)
    // Two refused attempts (the second after a 4-second wait), then polling.
    await expect.poll(async () => {
      await page.clock.runFor(5_000)
      return page.evaluate(() => document.documentElement.dataset.notifications)
    }).toBe('polling')
    await requestWithBen(patient.token)
    expect(await bellCount(page)).toContain('0')
    await page.clock.runFor(60_000)
    await expect.poll(() => bellCount(page), { timeout: 10_000 }).toContain('1')
    await page.close()
  })
})

describe('notification settings in Chromium', () => {
  it('offers push on this device once its service worker is registered, and logs no errors', async () => {
    const { context } = await (quietPatient ??= signedInBrowser(chromium(), 'new patient'))
    const page = await context.newPage()
    const problems = watchForProblems(page)
    await page.goto(`${appUrl}/settings/notifications`)
    await expect.poll(() => page.locator('[data-push-status]').textContent()).toBe('Push is off for this device.')
    expect(await page.getByRole('button', { name: 'Turn on push on this device' }).isVisible()).toBe(true)
    expect(await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())?.active?.scriptURL ?? (await navigator.serviceWorker.ready).active?.scriptURL)).toMatch(/\/sw\.js$/)
    // The choices themselves need no JavaScript: untick reminder emails and save.
    await page.getByRole('checkbox', { name: 'Email for reminders before a visit' }).uncheck()
    await page.getByRole('button', { name: 'Save choices' }).click()
    await page.waitForURL(/saved=1$/)
    expect(await page.getByRole('checkbox', { name: 'Email for reminders before a visit' }).isChecked()).toBe(false)
    expect(problems).toEqual([])
    await context.close()
  })
})
