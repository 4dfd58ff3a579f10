import { readFileSync } from 'node:fs'
import type { Browser, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { signIn, useChromium } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()
// axe-core, injected into each page (the context bypasses our CSP for it alone).
const AXE = readFileSync(new URL('../../node_modules/axe-core/axe.min.js', import.meta.url), 'utf8')

// Every page of every role, as each role reaches it: fixed paths, and pages of records reached by
// following the first link of a kind from a list (`[list, link selector, then a sub-page?]`).
const PAGES: Record<string, { email?: string; paths: string[]; follow?: ([string, string] | [string, string, string])[] }> = {
  visitor: {
    paths: ['/', '/doctors', '/doctors?specialty=cardiology&available_on=2000-01-01', '/login', '/register', '/register/doctor', '/forgot-password', '/no-such-page', '/dev/design', '/dev/outbox', '/unsubscribe?token=broken'],
    follow: [
      ['/doctors', '.doctor-card h3 a'],
      ['/doctors', '.doctor-card h3 a', '/reviews'],
    ],
  },
  patient: {
    email: 'pat.sam@demo.test',
    paths: ['/home', '/appointments', '/appointments?scope=past', '/account', '/account/security', '/record', '/record/profile', '/record/history', '/record/documents', '/record/visits', '/record/access', '/conversations', '/prescriptions', '/notifications', '/settings/notifications', '/support', '/payments', '/waitlist', '/requests'],
    follow: [
      ['/appointments', '.card h2 a'],
      ['/appointments?scope=past', '.card h2 a'],
      ['/prescriptions', 'main a[href^="/prescriptions/rx_"]'],
      ['/prescriptions', 'main a[href^="/prescriptions/rx_"]', '/print'],
      ['/appointments?scope=past', '.card h2 a', '/notes'],
      ['/doctors', '.doctor-card h3 a'],
      ['/doctors', '.doctor-card h3 a', '/waitlist'],
      ['/doctors', '.doctor-card h3 a', '/request'],
      ['/doctors', '.doctor-card h3 a', '/book'],
      ['/appointments', '.card h2 a', '/intake'],
      ['/appointments?scope=past', '.card h2 a', '/review'],
      ['/support', 'main a[href^="/support/tickets/tkt_"]'],
    ],
  },
  doctor: {
    email: 'dr.ada@demo.test',
    paths: ['/doctor', '/doctor/calendar', '/doctor/patients', '/doctor/profile', '/doctor/availability', '/doctor/time-off', '/doctor/earnings', '/doctor/payouts', '/doctor/billing', '/doctor/reviews', '/doctor/requests', '/appointments', '/conversations', '/notifications', '/settings/notifications', '/doctor-application'],
    follow: [
      ['/doctor/patients', '#patient-results a[href^="/doctor/patients/"]'],
      ['/appointments', '.card h2 a'],
      ['/appointments?scope=past', '.card h2 a', '/notes'],
      ['/appointments?scope=past', '.card h2 a', '/prescriptions/new'],
      ['/appointments', '.card h2 a', '/call'],
      ['/appointments', '.card h2 a', '/intake'],
    ],
  },
  admin: {
    email: 'admin@demo.test',
    paths: ['/admin', '/admin/doctors', '/admin/doctors?status=verified', '/admin/doctors/new', '/conversations', '/admin/users', '/admin/users?role=doctor&sort=name&dir=asc', '/admin/audit', '/admin/appointments', '/admin/users/invite', '/admin/settings', '/admin/specialties', '/admin/clinics', '/admin/reports', '/admin/reports?report=outcomes&by=doctor', '/admin/reports?report=lead-time', '/admin/reports?report=new-patients', '/admin/tickets', '/admin/tickets?status=closed', '/admin/payments', '/admin/plans', '/admin/reviews', '/admin/reviews?status=published'],
    follow: [
      ['/admin/users', 'table a[href^="/admin/users/usr_"]'],
      ['/admin/appointments', 'table a[href^="/appointments/apt_"]'],
      ['/admin/doctors?status=all', 'table a[href^="/admin/doctors/doc_"]'],
      ['/admin/clinics', 'table a[href^="/admin/clinics/cln_"]'],
      ['/admin/tickets', 'table a[href^="/admin/tickets/tkt_"]'],
      ['/admin/plans', 'table a[href^="/admin/plans/pln_"]'],
      ['/admin/specialties', 'table a[href$="/intake"]'],
    ],
  },
}

// The address of the first link of a kind on a list page.
async function firstLink(page: Page, list: string, selector: string) {
  await page.goto(`${appUrl}${list}`)
  const href = await page.locator(selector).first().getAttribute('href')
  if (!href) throw new Error(`no ${selector} on ${list}`)
  return href
}

type Finding = { page: string; rule: string; impact: string; nodes: string[] }

async function audit(page: Page, path: string): Promise<Finding[]> {
  await page.goto(`${appUrl}${path}`)
  await page.addScriptTag({ content: AXE })
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run: (ctx: Document, o: object) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }> } }).axe
    return (await axe.run(document, { resultTypes: ['violations'] })).violations
  })) as { id: string; impact: string; nodes: { target: string[] }[] }[]
  return violations.filter((v) => v.impact !== 'minor').map((v) => ({ page: path, rule: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')) }))
}

const overflowAt = async (page: Page, width: number) => {
  await page.setViewportSize({ width, height: 740 })
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth)
}

async function roleContext(browser: Browser, email?: string) {
  const context = await browser.newContext({ bypassCSP: true, viewport: { width: 360, height: 740 } })
  const page = await context.newPage()
  if (email) await signIn(page, appUrl, email)
  return { context, page }
}

describe('accessibility of every page of every role (axe-core) at 320 and 360 px', () => {
  for (const [role, { email, paths, follow = [] }] of Object.entries(PAGES)) {
    it(`finds no serious or moderate violations, and no sideways scrolling, for the ${role}`, async () => {
      const { context, page } = await roleContext(chromium(), email)
      const findings: Finding[] = []
      const overflowing: string[] = []
      const followed = []
      for (const [list, selector, then = ''] of follow) followed.push(`${await firstLink(page, list, selector)}${then}`)
      for (const path of [...paths, ...followed]) {
        findings.push(...(await audit(page, path)))
        for (const width of [320, 360]) if ((await overflowAt(page, width)) > 0) overflowing.push(`${path} at ${width} px`)
      }
      expect(findings).toEqual([])
      expect(overflowing).toEqual([])
      await context.close()
    })
  }
})
