import type { BrowserContextOptions, Page } from 'playwright-core'
import { describe, expect, inject, it } from 'vitest'
import { signedInContext, useChromium, watchForProblems } from '../helpers/browser'

const appUrl = inject('appUrl')
const chromium = useChromium()
const signedIn = (email: string, options: BrowserContextOptions = {}) => signedInContext(chromium(), appUrl, email, options)

// The first medicine row of the prescription form; the route is a list, the rest typed.
async function fillMedicine(page: Page, medicine: Record<'drug' | 'strength' | 'dose' | 'route' | 'frequency' | 'duration' | 'quantity', string>) {
  for (const [field, value] of Object.entries(medicine)) {
    const input = page.locator(`#rx-0-${field}`)
    if (field === 'route') await input.selectOption(value)
    else await input.fill(value)
  }
}

const PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n%%EOF\n')

describe('the patient record in Chromium', () => {
  it('warns before amoxicillin goes to a patient allergic to penicillin, and issues it only with a reason, with JavaScript off', async () => {
    // Demo data: Sam Patel has a severe penicillin allergy and a completed visit with Dr. Okafor.
    const ada = await signedIn('dr.ada@demo.test', { javaScriptEnabled: false })
    await ada.page.goto(`${appUrl}/doctor/patients?q=sam`)
    await ada.page.getByRole('link', { name: 'Sam Patel' }).click()
    await ada.page.locator('li', { hasText: 'Sore throat and fever' }).getByRole('link').first().click()
    await ada.page.getByRole('link', { name: 'Write a prescription' }).click()
    const safety = ada.page.getByRole('complementary', { name: 'Allergies and current medicines' })
    expect(await safety.textContent()).toContain('Penicillin — severe, Hives and swollen lips')
    // The route has no default: it must be chosen.
    expect(await ada.page.locator('#rx-0-route').inputValue()).toBe('')
    await fillMedicine(ada.page, { drug: 'Amoxicillin', strength: '500 mg', dose: '1 capsule', route: 'oral', frequency: 'three times a day', duration: '5 days', quantity: '15' })
    await ada.page.getByRole('button', { name: 'Review prescription' }).click()
    const warning = ada.page.getByRole('alert')
    expect(await warning.textContent()).toContain('Amoxicillin is one of the penicillins')
    await ada.page.getByRole('button', { name: 'Issue despite the warning' }).click()
    expect(await ada.page.getByRole('alert').first().textContent()).toContain('Give a reason')
    await ada.page.getByLabel('Why issue it despite the warning?').fill('Allergy label disproved by an oral challenge last year')
    await ada.page.getByRole('button', { name: 'Issue despite the warning' }).click()
    await ada.page.getByText('Prescription issued').waitFor()
    expect(await ada.page.getByText('Issued despite an allergy warning').isVisible()).toBe(true)
    expect(await ada.page.getByText('Allergy label disproved by an oral challenge last year').isVisible()).toBe(true)
    await ada.context.close()
  })

  it('a doctor reads a patient’s record, writes notes and a prescription after the visit; the patient reads them and prints the prescription', async () => {
    // Demo data: Kim Novak's completed in-person visit with Dr. Ada Okafor has no notes yet.
    const ada = await signedIn('dr.ada@demo.test', { viewport: { width: 1280, height: 900 } })
    const problems = watchForProblems(ada.page)
    await ada.page.goto(`${appUrl}/doctor/patients`)
    await ada.page.getByLabel('Name or email').fill('kim')
    await expect.poll(() => ada.page.locator('#patient-results tbody tr').count()).toBe(1)
    await ada.page.getByRole('link', { name: 'Kim Novak' }).click()
    await ada.page.getByRole('heading', { name: 'Kim Novak', level: 1 }).waitFor()
    await ada.page.locator('li', { hasText: 'Rash on forearm' }).getByRole('link').first().click()
    await ada.page.getByRole('link', { name: 'Visit notes' }).click()

    // The draft saves itself as the doctor types.
    await ada.page.getByLabel('Subjective').fill('Itchy rash on the left forearm for a week.')
    await ada.page.getByLabel('Assessment').fill('Contact dermatitis, probably from a new watch strap.')
    await ada.page.getByLabel('Diagnosis').fill('Contact dermatitis')
    await ada.page.getByLabel('Summary for the patient').fill('Stop wearing the strap. Use the cream twice a day for a week.')
    await expect.poll(() => ada.page.locator('#note-status').textContent(), { timeout: 10_000 }).toMatch(/^Saved /)
    await ada.page.reload()
    expect(await ada.page.getByLabel('Diagnosis').inputValue()).toBe('Contact dermatitis')
    await ada.page.getByRole('button', { name: 'Finalise notes' }).click()
    await ada.page.getByRole('heading', { name: 'Finalise the notes?' }).waitFor()
    await ada.page.getByRole('button', { name: 'Yes, finalise' }).click()
    await ada.page.getByText('Notes finalised').waitFor()

    await ada.page.getByRole('link', { name: '← Back to the appointment' }).click()
    await ada.page.getByRole('link', { name: 'Write a prescription' }).click()
    await fillMedicine(ada.page, { drug: 'Hydrocortisone cream', strength: '1%', dose: 'thin layer', route: 'topical', frequency: 'twice a day', duration: '7 days', quantity: '1' })
    // Kim's allergies and medicines are beside the form; a review step comes before issuing.
    expect(await ada.page.getByRole('complementary', { name: 'Allergies and current medicines' }).isVisible()).toBe(true)
    await ada.page.getByRole('button', { name: 'Review prescription' }).click()
    await ada.page.getByRole('heading', { name: 'Review the prescription for Kim Novak' }).waitFor()
    await ada.page.getByRole('button', { name: 'Issue prescription' }).click()
    await ada.page.getByText('Prescription issued').waitFor()
    expect(problems).toEqual([])

    const kim = await signedIn('pat.kim@demo.test', { viewport: { width: 1280, height: 900 } })
    await kim.page.getByRole('navigation', { name: 'Main' }).getByRole('link', { name: 'My record' }).click()
    await kim.page.getByRole('link', { name: 'Visits and prescriptions', exact: true }).click()
    expect(await kim.page.locator('main').textContent()).toContain('Stop wearing the strap.')
    expect(await kim.page.locator('main').textContent()).not.toContain('watch strap')
    await kim.page.getByRole('listitem').filter({ hasText: '1 medicine' }).getByRole('link').click()
    expect(await kim.page.locator('main').textContent()).toContain('Hydrocortisone cream')
    await kim.page.getByRole('link', { name: 'Printable version' }).click()
    const paper = kim.page.locator('.rx-print')
    for (const text of ['Dr. Ada Okafor', 'DEMO-1000', 'Kim Novak', '1993-02-02', 'Hydrocortisone cream']) expect(await paper.textContent()).toContain(text)
    await kim.page.emulateMedia({ media: 'print' })
    expect(await kim.page.locator('.site-header').isVisible()).toBe(false)
    expect(await kim.page.locator('.no-print').isVisible()).toBe(false)
    expect(await paper.isVisible()).toBe(true)
    // It fits the narrower of A4 and Letter (A4: 210 mm less 2 × 14 mm margins).
    const pdf = await kim.page.pdf({ format: 'A4' })
    expect(pdf.subarray(0, 5).toString()).toBe('%PDF-')
    const width = await paper.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)
    expect(width).toBe(true)

    await kim.page.emulateMedia({ media: 'screen' })
    await kim.page.goto(`${appUrl}/record/access`)
    expect(await kim.page.locator('main table').textContent()).toContain('Dr. Ada Okafor')
    await ada.context.close()
    await kim.context.close()
  })

  it('the medical history adds and removes entries in place with JavaScript (asking first, with an Undo), and works without it', async () => {
    const lee = await signedIn('pat.lee@demo.test')
    await lee.page.goto(`${appUrl}/record/history`)
    const allergies = lee.page.locator('#list-allergies li')
    await lee.page.locator('#allergies-substance').fill('Ibuprofen <b>x</b>')
    await lee.page.locator('#allergies-severity').selectOption('moderate')
    await lee.page.getByRole('button', { name: 'Add to allergies' }).click()
    await expect.poll(() => allergies.allTextContents()).toEqual([expect.stringContaining('Ibuprofen <b>x</b>')])
    // In place: the page did not reload and the form is ready for the next one.
    expect(await lee.page.locator('#allergies-substance').inputValue()).toBe('')
    // Removing asks first (the browser's dialog); the entry gives way to a "Removed" line with Undo.
    const asked: string[] = []
    lee.page.once('dialog', (dialog) => {
      asked.push(dialog.message())
      void dialog.accept()
    })
    await allergies.first().getByRole('button', { name: /Remove/ }).click()
    await expect.poll(() => allergies.first().textContent()).toContain('Removed Ibuprofen <b>x</b> (allergies).')
    expect(asked).toEqual(['Remove Ibuprofen <b>x</b> (allergies) from your record?'])
    await allergies.first().getByRole('button', { name: 'Undo' }).click()
    await expect.poll(() => allergies.first().textContent()).toContain('Ibuprofen <b>x</b> — moderate')
    lee.page.once('dialog', (dialog) => void dialog.accept())
    await allergies.first().getByRole('button', { name: /Remove/ }).click()
    await expect.poll(() => allergies.first().textContent()).toContain('Removed')
    await lee.context.close()

    const plain = await signedIn('pat.lee@demo.test', { javaScriptEnabled: false })
    await plain.page.goto(`${appUrl}/record/history`)
    await plain.page.locator('#conditions-name').fill('Hay fever')
    await plain.page.getByRole('button', { name: 'Add to chronic conditions' }).click()
    await plain.page.waitForURL(/\/record\/history\?saved=1/)
    expect(await plain.page.locator('#list-conditions').textContent()).toContain('Hay fever')
    await plain.page.locator('#list-conditions li', { hasText: 'Hay fever' }).getByRole('button', { name: /Remove/ }).click()
    await plain.page.getByRole('heading', { name: 'Remove Hay fever (chronic conditions) from your record?' }).waitFor()
    await plain.page.getByRole('button', { name: 'Yes, remove it' }).click()
    expect(await plain.page.getByRole('status').first().textContent()).toContain('Removed Hay fever (chronic conditions).')
    expect(await plain.page.locator('#list-conditions li').count()).toBe(0)
    await plain.page.getByRole('button', { name: 'Undo' }).click()
    await plain.page.waitForURL(/saved=1/)
    expect(await plain.page.locator('#list-conditions').textContent()).toContain('Hay fever')
    await plain.context.close()
  })

  it('an upload shows its progress and starts again after the connection drops; without JavaScript the form still uploads', async () => {
    const lee = await signedIn('pat.lee@demo.test')
    await lee.page.goto(`${appUrl}/record/documents`)
    // The first attempt loses its connection; the second is held until the test has seen the
    // progress bar, then let through.
    let attempts = 0
    let release = () => {}
    const held = new Promise<void>((resolve) => (release = resolve))
    await lee.page.route('**/api/v1/patient/documents', async (route) => {
      attempts += 1
      if (attempts === 1) return route.abort('connectionreset')
      if (attempts === 2) await held
      return route.continue()
    })
    await lee.page.getByLabel('Title').fill('Allergy test results')
    await lee.page.locator('#field-file').setInputFiles({ name: 'allergy.pdf', mimeType: 'application/pdf', buffer: PDF })
    await lee.page.getByRole('button', { name: 'Upload' }).click()
    await expect.poll(() => lee.page.locator('.upload-status').textContent()).toContain('Connection lost')
    await expect.poll(() => attempts, { timeout: 10_000 }).toBe(2)
    expect(await lee.page.locator('.upload-progress').isVisible()).toBe(true)
    release()
    await lee.page.waitForURL(/\/record\/documents\?uploaded=1/, { timeout: 15_000 })
    expect(attempts).toBe(2)
    expect(await lee.page.locator('main').textContent()).toContain('Allergy test results')

    // A refusal is explained, not retried: a PDF named as a picture.
    await lee.page.getByLabel('Title').fill('Not a picture')
    await lee.page.locator('#field-file').setInputFiles({ name: 'photo.png', mimeType: 'image/png', buffer: PDF })
    await lee.page.getByRole('button', { name: 'Upload' }).click()
    await expect.poll(() => lee.page.locator('.upload-status').textContent()).toContain('is a PDF but its name ends in .png')
    expect(attempts).toBe(3)
    await lee.context.close()

    const plain = await signedIn('pat.lee@demo.test', { javaScriptEnabled: false })
    await plain.page.goto(`${appUrl}/record/documents`)
    await plain.page.getByLabel('Title').fill('Referral letter')
    await plain.page.getByLabel('Category').selectOption('referral')
    await plain.page.locator('#field-file').setInputFiles({ name: 'referral.pdf', mimeType: 'application/pdf', buffer: PDF })
    await plain.page.getByRole('button', { name: 'Upload' }).click()
    await plain.page.waitForURL(/uploaded=1/)
    expect(await plain.page.locator('main').textContent()).toContain('Referral letter')
    await plain.context.close()
  })
})
