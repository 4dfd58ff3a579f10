import { describe, expect, inject, it } from 'vitest'
import { signedInContext, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()

describe('first use on a phone, in Chromium', () => {
  it('lays out choices beside their labels at 360 px, and a form on its way says so and is sent once', async () => {
    const { page, context } = await signedInContext(chromium(), appUrl, 'pat.lee@demo.test')
    const problems = watchForProblems(page)
    await page.goto(`${appUrl}/doctors?q=Okafor`)
    await page.getByRole('link', { name: 'Dr. Ada Okafor' }).first().click()
    await page.getByRole('link', { name: 'Later days →' }).click()
    await page.getByRole('radio').first().check()
    await page.getByRole('button', { name: 'Continue with this time' }).click()

    // A radio is a small circle on the same line as its label, not a 44 px box on a line of its own.
    const radio = page.locator('input[name="type"][value="video"]')
    const radioBox = (await radio.boundingBox())!
    const labelBox = (await page.locator('label.choice', { has: radio }).boundingBox())!
    expect(radioBox.width).toBeLessThan(30)
    expect(radioBox.y).toBeGreaterThanOrEqual(labelBox.y)
    expect(radioBox.y + radioBox.height).toBeLessThanOrEqual(labelBox.y + labelBox.height)
    expect(labelBox.height).toBeLessThan(100)

    // Two presses in a row, as the browser dispatches them (a synthetic submit event does not
    // navigate, so nothing here waits on the network): the first goes, marked busy; the second
    // is held back.
    const presses = await page.evaluate(() => {
      const form = document.getElementById('booking-form') as HTMLFormElement
      const button = form.querySelector('button[type="submit"]') as HTMLButtonElement
      const press = () => form.dispatchEvent(new SubmitEvent('submit', { bubbles: true, cancelable: true, submitter: button }))
      const first = press()
      const second = press()
      return { first, second, busy: form.getAttribute('aria-busy'), button: button.className }
    })
    expect(presses).toEqual({ first: true, second: false, busy: 'true', button: 'is-busy' })
    // A fresh page books as usual.
    await page.reload()
    await radio.check()
    await page.getByLabel('What would you like help with?').fill('A mole that changed shape')
    await page.getByRole('button', { name: 'Book appointment' }).click()
    await page.waitForURL(/\?booked=1$/)
    expect(problems).toEqual([])
    await context.close()
  })

  it('edits the account from its page with JavaScript off', async () => {
    const { page, context } = await signedInContext(chromium(), appUrl, 'pat.kim@demo.test', { javaScriptEnabled: false })
    await page.goto(`${appUrl}/account`)
    await page.getByLabel('Phone (optional)').fill('+44 20 7946 0999')
    await page.getByRole('button', { name: 'Save details' }).click()
    await page.getByText('Your details are saved.').waitFor()
    expect(await page.getByLabel('Phone (optional)').inputValue()).toBe('+44 20 7946 0999')
    await page.getByLabel('New email address').fill('someone-else@example.test')
    await page.getByLabel('Your current password').fill('not the password')
    await page.getByRole('button', { name: 'Send the link' }).click()
    expect(await page.getByRole('alert').first().textContent()).toContain('That is not your current password.')
    // What was typed is kept, the password is not.
    expect(await page.getByLabel('New email address').inputValue()).toBe('someone-else@example.test')
    expect(await page.getByLabel('Your current password').inputValue()).toBe('')
    await context.close()
  })

  it('keeps pages short on a 360 px phone without JavaScript: a compact header, folding days, the button in reach, tables as cards', async () => {
    const { page, context } = await signedInContext(chromium(), appUrl, 'dr.ada@demo.test', { javaScriptEnabled: false })
    // The header is the brand and "Menu"; the menu opens without JavaScript, with 44 px targets.
    await page.goto(`${appUrl}/doctor/patients`)
    expect((await page.locator('.site-header').boundingBox())!.height).toBeLessThan(80)
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(false)
    await page.getByRole('link', { name: 'Menu' }).click()
    const nav = page.getByRole('navigation', { name: 'Main' })
    expect(await nav.isVisible()).toBe(true)
    for (const box of await nav.getByRole('link').evaluateAll((links) => links.map((l) => l.getBoundingClientRect().height))) expect(box).toBeGreaterThanOrEqual(44)
    // The patients table reads as one card per patient, each value labelled.
    const cell = page.locator('#patient-results td[data-label="Last visit"]').first()
    expect(await cell.evaluate((td) => getComputedStyle(td).display)).toBe('block')
    // The header row stays for screen readers, out of sight.
    expect((await page.locator('#patient-results thead').boundingBox())!.height).toBeLessThanOrEqual(1)

    // A doctor's page shows one day of times open, and "Continue" stays on screen while scrolling.
    await page.goto(`${appUrl}/doctors?q=Carter`)
    await page.getByRole('link', { name: 'Dr. Ben Carter' }).first().click()
    expect(await page.locator('details.slot-day[open]').count()).toBe(1)
    await page.locator('details.slot-day[open] .slot').first().scrollIntoViewIfNeeded()
    const viewport = page.viewportSize()!
    const button = (await page.getByRole('button', { name: 'Continue with this time' }).boundingBox())!
    expect(button.y + button.height).toBeLessThanOrEqual(viewport.height)
    await context.close()
  })

  it('shows a new patient in Chicago their own times, and explains a past "Free on" day', async () => {
    // A phone set to Chicago: its zone becomes the new account's; every time is then shown in it.
    const context = await chromium().newContext({ timezoneId: 'America/Chicago', viewport: { width: 360, height: 740 } })
    const page = await context.newPage()
    await page.goto(`${appUrl}/register`)
    await page.getByLabel('Full name').fill('Chi Cago')
    await page.getByLabel('Email').fill(`chicago-${crypto.randomUUID().slice(0, 8)}@example.test`)
    await page.getByLabel('Password').fill('a long enough passphrase')
    await page.getByRole('button', { name: 'Create account' }).click()
    await page.waitForURL(/\/account\?welcome=1$/)
    await page.goto(`${appUrl}/account/security`)
    expect(await page.locator('main').textContent()).toMatch(/Last active [^()]+\(America\/Chicago\)/)
    // The date picker starts at today; a day already over (a shared or old link) is explained
    // instead of "No doctors match".
    await page.goto(`${appUrl}/doctors?available_on=2020-01-01`)
    expect(await page.locator('#results').textContent()).toContain('Free on is in the past: choose today or a later day.')
    expect(await page.getByLabel('Free on').getAttribute('min')).toMatch(/^\d{4}-\d{2}-\d{2}$/)
    await context.close()
  })
})
