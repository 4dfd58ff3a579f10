// The booking journey a patient on a slow phone network takes, in Debian's Chromium with
// DevTools' "Slow 3G" preset: time, requests and bytes over the wire, JavaScript on or off.
import { launchChromium } from '../../test/helpers/browser'
import { DEMO_PASSWORD } from '../lib/seed'

const SLOW_3G = { offline: false, latency: 2000, downloadThroughput: (400 * 1000) / 8, uploadThroughput: (400 * 1000) / 8 }

export async function bookingJourney(appUrl: string, javaScript: boolean) {
  const browser = await launchChromium()
  try {
    const context = await browser.newContext({ javaScriptEnabled: javaScript, viewport: { width: 360, height: 740 } })
    const page = await context.newPage()
    // Signed in first, at full speed: the journey measured is finding and booking.
    await page.goto(`${appUrl}/login`)
    await page.getByLabel('Email').fill('pat.kim@demo.test')
    await page.getByLabel('Password').fill(DEMO_PASSWORD)
    await page.getByRole('button', { name: 'Sign in', exact: true }).click()
    await page.waitForURL(`${appUrl}/home`)

    const cdp = await context.newCDPSession(page)
    await cdp.send('Network.enable')
    // A first visit: nothing cached, then the browser caches as it would (assets are immutable).
    await cdp.send('Network.clearBrowserCache')
    await cdp.send('Network.emulateNetworkConditions', SLOW_3G)
    let requests = 0
    let bytes = 0
    cdp.on('Network.requestWillBeSent', () => requests++)
    cdp.on('Network.loadingFinished', (e: { encodedDataLength: number }) => (bytes += e.encodedDataLength))

    const started = performance.now()
    await page.goto(`${appUrl}/doctors?specialty=cardiology`)
    await page.getByRole('link', { name: 'Dr. Ben Carter' }).click()
    await page.getByRole('link', { name: 'Later days →' }).click()
    await page.getByRole('radio', { name: / \d{4}, \d{1,2}:\d{2} (AM|PM)$/ }).first().check()
    await page.getByRole('button', { name: 'Continue with this time' }).click()
    await page.getByLabel('Video call').check()
    await page.getByLabel('What would you like help with?').fill('Benchmark booking')
    await page.getByRole('button', { name: 'Book appointment' }).click()
    // Dr. Carter accepts by hand: the booking is a request.
    await page.waitForURL(/\/appointments\/apt_[a-z0-9]+\?(booked|requested)=1$/)
    const seconds = (performance.now() - started) / 1000
    return { javaScript: javaScript ? 'on' : 'off', seconds: seconds.toFixed(1), requests, 'bytes (KB)': (bytes / 1024).toFixed(1) }
  } finally {
    await browser.close()
  }
}
