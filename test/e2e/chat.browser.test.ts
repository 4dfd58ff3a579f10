import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { signedInContext, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()
const signedIn = (email: string, options: BrowserContextOptions = {}) => signedInContext(chromium(), appUrl, email, options)

const messages = (page: Page) => page.locator('#messages li.message .body')
const waitLive = (page: Page) => page.locator('#chat[data-live="true"]').waitFor()

async function send(page: Page, text: string) {
  await page.getByLabel('Message', { exact: true }).fill(text)
  await page.getByRole('button', { name: 'Send' }).click()
}

// The demo patient Kim Novak has a confirmed appointment with Dr. Tom Evans (scripts/lib/seed.ts).
async function openKimsConversation(page: Page) {
  await page.goto(`${appUrl}/appointments`)
  await page.locator('.card', { hasText: 'Dr. Tom Evans' }).getByRole('link').first().click()
  await page.getByRole('button', { name: 'Message Dr. Tom Evans' }).click()
  await page.waitForURL(/\/conversations\/cnv_[a-z0-9]+$/)
  return page.url()
}

describe('chat in Chromium', () => {
  it('a patient and a doctor chat live, see typing and read receipts, and a reload keeps the history; with the socket blocked the fallback still delivers', async () => {
    const kim = await signedIn('pat.kim@demo.test')
    const evans = await signedIn('dr.evans@demo.test')
    const kimProblems = watchForProblems(kim.page)
    const conversationUrl = await openKimsConversation(kim.page)
    await waitLive(kim.page)

    await evans.page.goto(`${appUrl}/conversations`)
    await evans.page.getByRole('link', { name: /Kim Novak/ }).click()
    await waitLive(evans.page)

    // Live both ways; HTML typed into a message is shown as text.
    await kim.page.getByLabel('Message', { exact: true }).fill('Hello doctor <b>is this bold?</b>')
    await expect.poll(() => evans.page.locator('#chat-typing').textContent()).toContain('Kim Novak is typing')
    await kim.page.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => messages(evans.page).allTextContents()).toContain('Hello doctor <b>is this bold?</b>')
    expect(await evans.page.locator('#messages b').count()).toBe(0)
    await send(evans.page, 'Hello Kim, how are you sleeping?')
    await expect.poll(() => messages(kim.page).allTextContents()).toContain('Hello Kim, how are you sleeping?')
    // The doctor's page is open and visible, so Kim's message is marked seen.
    await expect.poll(() => kim.page.locator('#messages li.mine .receipt').count()).toBe(1)
    // The form is empty again and nothing waits in the outbox.
    expect(await kim.page.getByLabel('Message', { exact: true }).inputValue()).toBe('')
    await expect.poll(() => kim.page.locator('#messages li.pending').count()).toBe(0)

    await kim.page.reload()
    expect(await messages(kim.page).allTextContents()).toEqual(['Hello doctor <b>is this bold?</b>', 'Hello Kim, how are you sleeping?'])

    // A second patient window whose WebSocket cannot connect: the form posts and htmx polls.
    const blocked = await kim.context.newPage()
    await blocked.routeWebSocket(/\/ws$/, (ws) => ws.close({ code: 1011, reason: 'blocked by the test' }))
    await blocked.goto(conversationUrl)
    await expect.poll(() => blocked.locator('#chat-status').textContent()).toContain('Reconnecting')
    await send(blocked, 'Sent without a socket')
    await expect.poll(() => messages(blocked).allTextContents()).toContain('Sent without a socket')
    await expect.poll(() => messages(evans.page).allTextContents()).toContain('Sent without a socket')
    await send(evans.page, 'Reply the slow way')
    // The poll runs every 8 seconds.
    await expect.poll(() => messages(blocked).allTextContents(), { timeout: 30_000 }).toContain('Reply the slow way')
    expect(await messages(blocked).allTextContents()).toEqual(['Hello doctor <b>is this bold?</b>', 'Hello Kim, how are you sleeping?', 'Sent without a socket', 'Reply the slow way'])

    expect(kimProblems).toEqual([])
    await kim.context.close()
    await evans.context.close()
  })

  it('works with JavaScript off: the form posts and the page shows the message', async () => {
    const { context, page } = await signedIn('pat.kim@demo.test', { javaScriptEnabled: false })
    await openKimsConversation(page)
    await send(page, 'Typed with scripts off')
    await page.waitForURL(/#msg-\d+$/)
    expect(await messages(page).allTextContents()).toContain('Typed with scripts off')
    await context.close()
  })

  it('fills the gap when a message frame is lost on the way while the socket stays open', async () => {
    const kim = await signedIn('pat.kim@demo.test')
    const evans = await signedIn('dr.evans@demo.test')
    // Between Kim's page and the room: the first frame carrying "Lost on the way" never arrives.
    let dropped = false
    await kim.page.routeWebSocket(/\/ws$/, (ws) => {
      const server = ws.connectToServer()
      server.onMessage((message) => {
        if (!dropped && String(message).includes('"type":"message"') && String(message).includes('Lost on the way')) {
          dropped = true
          return
        }
        ws.send(message)
      })
    })
    await openKimsConversation(kim.page)
    await waitLive(kim.page)
    await evans.page.goto(`${appUrl}/conversations`)
    await evans.page.getByRole('link', { name: /Kim Novak/ }).click()
    await waitLive(evans.page)

    await send(evans.page, 'Lost on the way')
    await send(evans.page, 'After the gap')
    await expect.poll(() => messages(kim.page).allTextContents(), { timeout: 10_000 }).toEqual(expect.arrayContaining(['Lost on the way', 'After the gap']))
    expect(dropped).toBe(true)
    const texts = await messages(kim.page).allTextContents()
    expect(texts.indexOf('Lost on the way')).toBeLessThan(texts.indexOf('After the gap'))
    await kim.context.close()
    await evans.context.close()
  })
})
