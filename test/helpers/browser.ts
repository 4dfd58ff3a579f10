import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core'
import { afterAll, beforeAll } from 'vitest'

// Debian's Chromium, never a downloaded browser; flags keep it off the network and quiet.
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium'

export function launchChromium(extraArgs: string[] = []): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM_PATH,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  })
}

// Collects console errors, page errors and failed requests, so a test can assert there were none.
export function watchForProblems(page: Page) {
  const problems: string[] = []
  page.on('console', (msg) => {
    if (msg.type() === 'error') problems.push(`console: ${msg.text()}`)
  })
  page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`))
  page.on('requestfailed', (req) => {
    // A navigation cancels what the old page was still loading; that is not a failure.
    if (req.failure()?.errorText === 'net::ERR_ABORTED') return
    problems.push(`requestfailed: ${req.url()} ${req.failure()?.errorText}`)
  })
  page.on('response', (res) => {
    if (res.status() >= 400) problems.push(`http ${res.status()}: ${res.url()}`)
  })
  return problems
}

// A documentation address (RFC 5737) of its own, as Cloudflare would report the client's.
const ownAddress = () => `198.51.100.${1 + Math.floor(Math.random() * 254)}`

// Every browser context is a device of its own on a network of its own (its own
// CF-Connecting-IP, which wrangler dev passes to the Worker as Cloudflare does), so the per-address
// limits on signing in and registering count one test's attempts, not the whole suite's.
function ownAddressPerContext(browser: Browser): Browser {
  const newContext = browser.newContext.bind(browser)
  browser.newContext = (options: BrowserContextOptions = {}) => newContext({ ...options, extraHTTPHeaders: { 'cf-connecting-ip': ownAddress(), ...options.extraHTTPHeaders } })
  return browser
}

// One Chromium for a test file: launched before its tests, closed after them. `extraArgs` adds
// flags, e.g. fake camera and microphone for a video call.
export function useChromium(extraArgs: string[] = []): () => Browser {
  let browser: Browser | undefined
  beforeAll(async () => {
    browser = ownAddressPerContext(await launchChromium(extraArgs))
  })
  afterAll(async () => {
    await browser?.close()
  })
  return () => browser!
}

export const DEMO_PASSWORD = 'mediconnect-demo'

// Signs a page in as a demo account (scripts/lib/seed.ts) through the real form.
export async function signIn(page: Page, appUrl: string, email: string) {
  await page.goto(`${appUrl}/login`)
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(DEMO_PASSWORD)
  await page.getByRole('button', { name: 'Sign in', exact: true }).click()
  // Each role lands on its own home (a patient's /home, a doctor's /doctor…).
  await page.waitForURL((url) => url.pathname !== '/login').catch(async (err: Error) => {
    // Say what the sign-in page said instead of only that it timed out.
    const said = (await page.locator('main').textContent().catch(() => ''))?.replace(/\s+/g, ' ').slice(0, 300)
    throw new Error(`signing in as ${email} did not leave /login (${said}): ${err.message}`)
  })
}

// A fresh browser context (a phone-sized window) signed in as a demo account.
export async function signedInContext(browser: Browser, appUrl: string, email: string, options: BrowserContextOptions = {}) {
  const context = await browser.newContext({ viewport: { width: 360, height: 740 }, ...options })
  const page = await context.newPage()
  await signIn(page, appUrl, email)
  return { context, page }
}
