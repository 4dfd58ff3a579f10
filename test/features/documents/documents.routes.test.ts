import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp, ORIGIN } from '../../helpers/http'
import { asBrowser, cookieFor } from '../../helpers/auth'
import { FILES, uploadForm } from '../../helpers/fixtures/documents'

const postMultipart = (path: string, cookie: string, form: FormData) => fetchApp(path, { method: 'POST', headers: { cookie, origin: ORIGIN }, body: form, redirect: 'manual' })

describe('the documents pages', () => {
  it('upload without JavaScript, list, download and delete', async () => {
    const patient = await createUser()
    const cookie = await cookieFor(patient)
    const page = await (await fetchApp('/record/documents', asBrowser(cookie))).text()
    expect(page).toContain('enctype="multipart/form-data"')
    expect(page).toContain('data-upload="/api/v1/patient/documents"')

    const sent = await postMultipart('/record/documents', cookie, uploadForm(FILES.pdf, 'labs.pdf', { title: 'Lipid panel <b>May</b>', category: 'lab_report' }))
    expect(sent.status).toBe(303)
    const listed = await (await fetchApp('/record/documents?uploaded=1', asBrowser(cookie))).text()
    expect(listed).toContain('Lipid panel &lt;b&gt;May&lt;/b&gt;')
    const [row] = await testDb().select().from(schema.documents).where(eq(schema.documents.patientId, patient.id))
    const file = await fetchApp(`/documents/${row!.id}/download`, asBrowser(cookie))
    expect(file.headers.get('content-disposition')).toMatch(/^attachment;/)
    expect(file.headers.get('x-content-type-options')).toBe('nosniff')

    expect((await postMultipart(`/record/documents/${row!.id}/delete`, cookie, new FormData())).status).toBe(303)
    expect(await (await fetchApp('/record/documents', asBrowser(cookie))).text()).not.toContain('Lipid panel')
  })

  it('keeps the title and says why when the file is refused', async () => {
    const cookie = await cookieFor(await createUser())
    const refused = await postMultipart('/record/documents', cookie, uploadForm(FILES.pdf, 'xray.png', { title: 'Kept title', category: 'imaging' }))
    expect(refused.status).toBe(415)
    const html = await refused.text()
    expect(html).toContain('value="Kept title"')
    expect(html).toContain('is a PDF but its name ends in .png')
  })

  it('let the visit’s doctor attach a file from the appointment page', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const patient = await createUser()
    const appointment = await createAppointment(doctor.id, patient.id)
    const doctorCookie = await cookieFor(doctorUser)
    expect(await (await fetchApp(`/appointments/${appointment.id}`, asBrowser(doctorCookie))).text()).toContain(`data-upload="/api/v1/appointments/${appointment.id}/documents"`)
    const attached = await postMultipart(`/appointments/${appointment.id}/documents`, doctorCookie, uploadForm(FILES.jpeg, 'rash.jpg', { title: 'Rash photo', category: 'imaging' }))
    expect(attached.status).toBe(303)
    expect(attached.headers.get('location')).toBe(`/appointments/${appointment.id}?attached=1`)
    const refused = await postMultipart(`/appointments/${appointment.id}/documents`, doctorCookie, uploadForm(FILES.text, 'rash.jpg'))
    expect(refused.status).toBe(415)
    expect(await refused.text()).toContain('The document was not attached')
    expect(await (await fetchApp('/record/visits', asBrowser(await cookieFor(patient)))).text()).toContain('Rash photo')
  })
})
