import { createClient } from '@libsql/client'
import { eq } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import type { Page, WebSocketRoute } from 'playwright-core'
import { afterAll, describe, expect, inject, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { newId } from '../../src/lib/ids'
import { signedInContext, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
// Fake camera and microphone, and their permission prompts answered "allow".
const chromium = useChromium(['--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'])

// The stack's own database, to give demo people an appointment whose call is open right now.
const client = createClient({ url: inject('databaseUrl') })
const db = drizzle(client, { schema, casing: 'snake_case' })
afterAll(() => client.close())

// A confirmed video appointment that started a few minutes ago (inside the call window whatever
// the clock says), at an instant of its own so it never meets another live one of that doctor.
async function appointmentNow(patientEmail: string, doctorEmail: string) {
  const [patient] = await db.select({ id: schema.users.id }).from(schema.users).where(eq(schema.users.email, patientEmail))
  const [doctor] = await db
    .select({ id: schema.doctors.id })
    .from(schema.doctors)
    .innerJoin(schema.users, eq(schema.users.id, schema.doctors.userId))
    .where(eq(schema.users.email, doctorEmail))
  const startAt = new Date(Date.now() - 5 * 60_000 - Math.floor(Math.random() * 60_000))
  const id = newId('apt')
  await db.insert(schema.appointments).values({ id, patientId: patient!.id, doctorId: doctor!.id, startAt, endAt: new Date(startAt.getTime() + 30 * 60_000), type: 'video', reason: 'Video follow-up', status: 'confirmed' })
  return id
}

const signedIn = (email: string, options: { javaScriptEnabled?: boolean } = {}) => signedInContext(chromium(), appUrl, email, options)

const call = (page: Page) => page.locator('#call')
const status = (page: Page) => page.locator('#call-status').textContent()
const connected = (page: Page) => page.locator('#call[data-connection-state="connected"]').waitFor({ timeout: 20_000 })
const remoteVideoWidth = (page: Page) => page.evaluate(() => (document.getElementById('call-remote-video') as HTMLVideoElement).videoWidth)

async function joinWithVideo(page: Page) {
  // The link check runs first; joining is offered either way.
  await page.locator('#call[data-link]').waitFor()
  await page.getByRole('button', { name: 'Join with video' }).click()
}

describe('video call in Chromium', () => {
  it('a patient and a doctor connect through the room on loopback, mute, hang up, rejoin, and reconnect after a reload', async () => {
    const appointmentId = await appointmentNow('pat.lee@demo.test', 'dr.chen@demo.test')
    const doctor = await signedIn('dr.chen@demo.test')
    const patient = await signedIn('pat.lee@demo.test')
    const problems = [...watchForProblems(doctor.page), ...watchForProblems(patient.page)]
    // The patient's signaling goes through the test, so it can cut it as a network change would.
    const patientSockets: WebSocketRoute[] = []
    await patient.page.routeWebSocket(/\/call$/, (ws) => {
      ws.connectToServer()
      patientSockets.push(ws)
    })

    // The doctor comes from the appointment's page and waits.
    await doctor.page.goto(`${appUrl}/appointments/${appointmentId}`)
    await doctor.page.getByRole('link', { name: 'Join video call' }).click()
    await doctor.page.waitForURL(`${appUrl}/appointments/${appointmentId}/call`)
    expect(await doctor.page.locator('#call-nojs').isHidden()).toBe(true)
    await joinWithVideo(doctor.page)
    await call(doctor.page).and(doctor.page.locator('[data-phase="waiting"]')).waitFor()
    expect(await status(doctor.page)).toBe('Waiting for Lee Morgan to join…')
    // The page is one Alpine component (its CSP build, in the page's one bundle): what shows is its state.
    expect(await doctor.page.evaluate(() => (window as unknown as { Alpine: { $data(el: Element): { phase: string } } }).Alpine.$data(document.getElementById('call')!).phase)).toBe('waiting')

    await patient.page.goto(`${appUrl}/appointments/${appointmentId}/call`)
    await joinWithVideo(patient.page)
    await Promise.all([connected(patient.page), connected(doctor.page)])
    // Media flows: the fake camera's frames arrive on both sides.
    await expect.poll(() => remoteVideoWidth(doctor.page)).toBeGreaterThan(0)
    await expect.poll(() => remoteVideoWidth(patient.page)).toBeGreaterThan(0)
    expect(await status(patient.page)).toBe('Connected to Dr. Mei Chen.')

    // The patient's network changes: their signaling socket dies without a word to the room (which
    // still thinks it open). call.js reconnects by itself, the new socket replaces the old one, and
    // the media, which never stopped, carries on.
    patientSockets[0]!.close({ code: 1011, reason: 'network changed' })
    await expect.poll(() => patientSockets.length, { timeout: 10_000 }).toBe(2)
    await expect.poll(() => patient.page.locator('#call-status').textContent()).toBe('Connected to Dr. Mei Chen.')
    // On a 360 px phone, "Hang up" is on screen during the call, whatever is below it.
    const hangUp = (await patient.page.getByRole('button', { name: 'Hang up' }).boundingBox())!
    expect(hangUp.y + hangUp.height).toBeLessThanOrEqual(patient.page.viewportSize()!.height)
    await connected(doctor.page)

    // Usable at 320 px: nothing wider than the screen.
    await patient.page.setViewportSize({ width: 320, height: 640 })
    expect(await patient.page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320)

    // Toggles are real buttons with their state; the other side sees it (through the new socket).
    const mute = patient.page.getByRole('button', { name: 'Mute' })
    await mute.click()
    expect(await mute.getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => doctor.page.locator('#call-peer-media').textContent()).toBe('(muted)')
    await patient.page.getByRole('button', { name: 'Camera off' }).click()
    await expect.poll(() => doctor.page.locator('#call-peer-media').textContent()).toBe('(camera off, muted)')

    // The patient hangs up: the doctor waits; the patient joins again and they reconnect.
    await patient.page.getByRole('button', { name: 'Hang up' }).click()
    await expect.poll(() => status(doctor.page)).toBe('Lee Morgan left the call. You can wait here for them to come back, or hang up.')
    expect(await patient.page.locator('#call[data-phase="left"]').count()).toBe(1)
    await patient.page.getByRole('button', { name: 'Join again' }).click()
    await Promise.all([connected(patient.page), connected(doctor.page)])

    // The doctor's page reloads (a dropped tab coming back): a new connection replaces the old.
    await doctor.page.reload()
    await joinWithVideo(doctor.page)
    await Promise.all([connected(patient.page), connected(doctor.page)])
    await expect.poll(() => remoteVideoWidth(doctor.page)).toBeGreaterThan(0)

    // The doctor completes the appointment from the call page.
    await doctor.page.getByRole('button', { name: 'Mark the appointment as completed' }).click()
    await doctor.page.waitForURL(`${appUrl}/appointments/${appointmentId}?completed=1`)
    // A completed appointment ends the call for whoever is still in it.
    await expect.poll(() => status(patient.page)).toBe('The appointment was marked completed. The call has ended.')

    // Who joined and left is on the appointment.
    const kinds = async () =>
      (await db.select({ kind: schema.appointmentEvents.kind }).from(schema.appointmentEvents).where(eq(schema.appointmentEvents.appointmentId, appointmentId))).map((e) => e.kind)
    // Joined: doctor, patient, the patient again after hanging up, the doctor after the reload (the
    // replaced socket was no leave). Left: the hang-up, the reload, the doctor going to complete,
    // and the patient let go when the appointment was completed.
    await expect.poll(async () => (await kinds()).filter((k) => k === 'call_left')).toHaveLength(4)
    expect((await kinds()).filter((k) => k === 'call_joined')).toHaveLength(4)
    expect(problems).toEqual([])
    await patient.context.close()
    await doctor.context.close()
  })

  it('suggests audio only on a slow link, and an audio-only call still connects', async () => {
    const appointmentId = await appointmentNow('pat.lee@demo.test', 'dr.chen@demo.test')
    const doctor = await signedIn('dr.chen@demo.test')
    const patient = await signedIn('pat.lee@demo.test')
    // About 3G: the pre-call check times a 50 KB download on this link.
    const cdp = await patient.context.newCDPSession(patient.page)
    await cdp.send('Network.enable')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 300, downloadThroughput: (250 * 1000) / 8, uploadThroughput: (250 * 1000) / 8 })
    await patient.page.goto(`${appUrl}/appointments/${appointmentId}/call`)
    await patient.page.locator('#call[data-link="poor"]').waitFor({ timeout: 30_000 })
    expect(await patient.page.locator('#call-link').textContent()).toMatch(/^Your connection looks slow \(about \d+ kbit\/s\)\. Audio only is recommended/)
    // The recommended choice comes first.
    expect(await patient.page.locator('#call-precheck button').first().textContent()).toBe('Join with audio only')
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: 0, downloadThroughput: -1, uploadThroughput: -1 })

    await patient.page.getByRole('button', { name: 'Join with audio only' }).click()
    await doctor.page.goto(`${appUrl}/appointments/${appointmentId}/call`)
    await joinWithVideo(doctor.page)
    await Promise.all([connected(patient.page), connected(doctor.page)])
    expect(await patient.page.getByRole('button', { name: 'Audio only' }).getAttribute('aria-pressed')).toBe('true')
    await expect.poll(() => doctor.page.locator('#call-peer-media').textContent()).toBe('(audio only)')
    // The appointment's chat is on the call page, live beside the call.
    await patient.page.locator('#chat[data-live="true"]').waitFor()
    await doctor.page.locator('#chat[data-live="true"]').waitFor()
    await patient.page.getByLabel('Message', { exact: true }).fill('The sound keeps cutting out')
    await patient.page.getByRole('button', { name: 'Send' }).click()
    await expect.poll(() => doctor.page.locator('#messages .body').allTextContents()).toContain('The sound keeps cutting out')
    await patient.context.close()
    await doctor.context.close()
  })

  it('keeps a stranger out: another patient gets 404 for the page and the room', async () => {
    const appointmentId = await appointmentNow('pat.lee@demo.test', 'dr.chen@demo.test')
    const stranger = await signedIn('pat.sam@demo.test')
    const res = await stranger.page.goto(`${appUrl}/appointments/${appointmentId}/call`)
    expect(res!.status()).toBe(404)
    const upgrade = await stranger.page.request.get(`${appUrl}/api/v1/appointments/${appointmentId}/call`, {
      headers: { upgrade: 'websocket', connection: 'Upgrade', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==', origin: appUrl },
    })
    expect(upgrade.status()).toBe(404)
    expect((await upgrade.json()).error.code).toBe('not_found')
    // From the page itself the socket never opens.
    const outcome = await stranger.page.evaluate(
      (path) =>
        new Promise<string>((resolve) => {
          const ws = new WebSocket(`ws://${location.host}${path}`)
          ws.onopen = () => resolve('open')
          ws.onclose = () => resolve('closed')
        }),
      `/api/v1/appointments/${appointmentId}/call`,
    )
    expect(outcome).toBe('closed')
    await stranger.context.close()
  })

  it('works as a page with JavaScript off: it says the call needs JavaScript and links back', async () => {
    const appointmentId = await appointmentNow('pat.lee@demo.test', 'dr.chen@demo.test')
    const patient = await signedIn('pat.lee@demo.test', { javaScriptEnabled: false })
    await patient.page.goto(`${appUrl}/appointments/${appointmentId}/call`)
    expect(await patient.page.locator('#call-nojs').textContent()).toContain('The video call needs JavaScript')
    expect(await patient.page.locator('#call-app').isHidden()).toBe(true)
    await patient.page.getByRole('link', { name: 'go back to the appointment' }).click()
    await patient.page.waitForURL(`${appUrl}/appointments/${appointmentId}`)
    await patient.context.close()
  })
})
