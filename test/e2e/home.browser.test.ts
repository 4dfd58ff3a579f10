import { describe, expect, inject, it } from 'vitest'
import { useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()

describe('home page in Chromium', () => {
  it('renders with JavaScript on, loads htmx (and not Alpine, which it does not use) under the CSP, and logs no errors', async () => {
    const context = await chromium().newContext()
    const page = await context.newPage()
    const problems = watchForProblems(page)
    await page.goto(appUrl, { waitUntil: 'load' })
    await expect.poll(() => page.evaluate(() => 'htmx' in window)).toBe(true)
    expect(await page.evaluate(() => 'Alpine' in window)).toBe(false)
    expect(await page.title()).toBe('MediConnect')
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('See a doctor')
    expect(await page.getByRole('main').isVisible()).toBe(true)
    expect(await page.getByText('General Practice').isVisible()).toBe(true)
    // No dead ends: every specialty offered has doctors, and says how many.
    const specialties = await page.locator('#specialties li').allTextContents()
    expect(specialties.length).toBeGreaterThan(0)
    for (const text of specialties) expect(text).toMatch(/· [1-9]\d* doctors?$/)
    expect(problems).toEqual([])
    await context.close()
  })

  it('renders the same content with JavaScript off', async () => {
    const context = await chromium().newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const problems = watchForProblems(page)
    await page.goto(appUrl)
    expect(await page.getByRole('heading', { level: 1 }).textContent()).toContain('See a doctor')
    expect(await page.getByText('Cardiology').isVisible()).toBe(true)
    expect(await page.getByRole('navigation', { name: 'Main' }).isVisible()).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })

  it('fits a 320 px wide screen without sideways scrolling', async () => {
    const context = await chromium().newContext({ viewport: { width: 320, height: 640 } })
    const page = await context.newPage()
    await page.goto(appUrl)
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
    expect(overflow).toBeLessThanOrEqual(0)
    await context.close()
  })

  it('moves focus to the main content with the skip link', async () => {
    const context = await chromium().newContext()
    const page = await context.newPage()
    await page.goto(appUrl)
    await page.keyboard.press('Tab')
    expect(await page.evaluate(() => document.activeElement?.textContent)).toContain('Skip to main content')
    await page.keyboard.press('Enter')
    expect(await page.evaluate(() => location.hash)).toBe('#main')
    await context.close()
  })
})

describe('static assets', () => {
  it('serves hashed assets with a year-long immutable cache', async () => {
    const html = await (await fetch(appUrl)).text()
    const paths = [...html.matchAll(/(?:src|href)="(\/_v\/[^"]+)"/g)].map((m) => m[1]!)
    // The favicon, the stylesheet and one script bundle.
    expect(paths).toHaveLength(3)
    for (const path of paths) {
      const res = await fetch(new URL(path, appUrl))
      expect(res.status).toBe(200)
      expect(res.headers.get('cache-control')).toBe('public, max-age=31536000, immutable')
    }
  })
})
