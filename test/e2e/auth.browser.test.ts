import type { BrowserContext, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { totpCode, totpStep } from '../../src/lib/totp'
import { useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()

const PASSWORD = 'a long enough passphrase'
const uniqueEmail = (label: string) => `${label}-${crypto.randomUUID().slice(0, 8)}@example.test`

async function registerThroughThePage(page: Page, email: string) {
  await page.goto(`${appUrl}/register`)
  await page.getByLabel('Full name').fill('Robin Example')
  await page.getByLabel('Email').fill(email)
  await page.getByLabel('Password').fill(PASSWORD)
  await page.getByRole('button', { name: 'Create account' }).click()
  await page.waitForURL(/\/account\?welcome=1$/)
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Sign out' }).click()
  await page.waitForURL(`${appUrl}/`)
}

// A software authenticator inside Chromium (DevTools Protocol), standing in for a phone's
// fingerprint sensor: resident keys and user verification, as passkeys need.
async function addVirtualAuthenticator(context: BrowserContext, page: Page) {
  const cdp = await context.newCDPSession(page)
  await cdp.send('WebAuthn.enable')
  await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: { protocol: 'ctap2', transport: 'internal', hasResidentKey: true, hasUserVerification: true, isUserVerified: true, automaticPresenceSimulation: true },
  })
}

describe('passkeys in Chromium', () => {
  it('registers, adds a passkey, signs out, and signs back in with the passkey alone', async () => {
    const context = await chromium().newContext()
    const page = await context.newPage()
    const problems = watchForProblems(page)
    await addVirtualAuthenticator(context, page)
    await registerThroughThePage(page, uniqueEmail('passkey'))

    await page.goto(`${appUrl}/account/security`)
    await page.getByLabel('Name for the new passkey (optional)').fill('Test phone')
    await page.getByRole('button', { name: 'Add a passkey' }).click()
    await page.waitForURL(/done=passkey-added/)
    expect(await page.getByText('Test phone', { exact: true }).isVisible()).toBe(true)

    await signOut(page)
    await page.goto(`${appUrl}/login?next=/account`)
    await page.getByRole('button', { name: 'Sign in with a passkey' }).click()
    await page.waitForURL(`${appUrl}/account`)
    expect(await page.getByRole('heading', { name: 'Your account' }).isVisible()).toBe(true)
    expect(problems).toEqual([])
    await context.close()
  })
})

describe('password sign-in in Chromium', () => {
  it('turns on TOTP and then needs a code from the app to sign in', async () => {
    const context = await chromium().newContext()
    const page = await context.newPage()
    const email = uniqueEmail('totp')
    await registerThroughThePage(page, email)
    await page.goto(`${appUrl}/account/security`)
    await page.getByRole('button', { name: 'Set up an authenticator app' }).click()
    expect(await page.getByRole('img', { name: 'QR code for your authenticator app' }).isVisible()).toBe(true)
    const secret = (await page.locator('code.secret').textContent())!.trim()
    const enableStep = totpStep(new Date())
    await page.getByLabel('The six-digit code your app shows now').fill(await totpCode(secret, enableStep))
    await page.getByRole('button', { name: 'Turn on two-step sign-in' }).click()
    expect(await page.getByRole('list', { name: 'Recovery codes' }).getByRole('listitem').count()).toBe(10)

    await signOut(page)
    await page.goto(`${appUrl}/login`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.getByLabel('Code from your authenticator app').fill(await totpCode(secret, enableStep + 1))
    await page.getByLabel('Password').fill(PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(`${appUrl}/home`)
    expect(await page.getByRole('button', { name: 'Sign out' }).isVisible()).toBe(true)
    await context.close()
  })

  it('resets a forgotten password with the link from the development outbox, with JavaScript off', async () => {
    const context = await chromium().newContext({ javaScriptEnabled: false })
    const page = await context.newPage()
    const email = uniqueEmail('reset')
    await registerThroughThePage(page, email)
    await signOut(page)
    await page.goto(`${appUrl}/forgot-password`)
    await page.getByLabel('Email').fill(email)
    await page.getByRole('button', { name: 'Email me a link' }).click()
    expect(await page.getByRole('status').textContent()).toContain('If an account uses that address')

    const mail = (await (await fetch(`${appUrl}/dev/outbox/latest.json?to=${encodeURIComponent(email)}`)).json()) as { text: string }
    const link = /https?:\/\/\S+reset-password\?token=[\w-]+/.exec(mail.text)![0]
    await page.goto(link)
    await page.getByLabel('New password', { exact: true }).fill('a different passphrase')
    await page.getByRole('button', { name: 'Change password' }).click()
    expect(await page.getByRole('status').textContent()).toContain('Your password has been changed')

    await page.goto(`${appUrl}/login`)
    await page.getByLabel('Email').fill(email)
    await page.getByLabel('Password').fill('a different passphrase')
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(`${appUrl}/home`)
    await context.close()
  })

  it('refuses the old session cookie after sign-out', async () => {
    const context = await chromium().newContext()
    const page = await context.newPage()
    await registerThroughThePage(page, uniqueEmail('cookie'))
    const cookie = (await context.cookies()).find((c) => c.name === '__Host-mc_session')!
    expect(cookie.httpOnly).toBe(true)
    expect(cookie.secure).toBe(true)
    expect(cookie.sameSite).toBe('Lax')
    await signOut(page)
    const replay = await fetch(`${appUrl}/account`, { headers: { cookie: `${cookie.name}=${cookie.value}` }, redirect: 'manual' })
    expect(replay.status).toBe(303)
    expect(replay.headers.get('location')).toMatch(/^\/login/)
    await context.close()
  })
})
