import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import { env } from 'cloudflare:workers'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { clinicAdminOf, createAppointment, createClinicAdmin, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'
import { FILES, uploadForm } from '../../helpers/fixtures/documents'

type Doc = { id: string; title: string; category: string; content_type: string; size_bytes: number; appointment_id: string | null; uploaded_by: { name: string } }

const post = (token: string, path: string, body: FormData | string, contentType?: string) =>
  fetchApp(path, { method: 'POST', headers: { authorization: `Bearer ${token}`, ...(contentType ? { 'content-type': contentType } : {}) }, body })

async function uploaded(token: string, file: Uint8Array, name: string) {
  const res = await post(token, '/api/v1/patient/documents', uploadForm(file, name))
  expect(res.status).toBe(201)
  return ((await res.json()) as { document: Doc }).document
}

const storedFor = (patientId: string) => testDb().select().from(schema.documents).where(eq(schema.documents.patientId, patientId))

describe('documents', () => {
  it('accepts PDF, JPEG, PNG and WebP, typed by their bytes, and lists them newest first', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    const pdf = await uploaded(token, FILES.pdf, 'results.pdf')
    expect(pdf).toMatchObject({ title: 'Blood test', category: 'lab_report', content_type: 'application/pdf', size_bytes: FILES.pdf.length, appointment_id: null })
    expect((await uploaded(token, FILES.jpeg, 'scan.JPG')).content_type).toBe('image/jpeg')
    expect((await uploaded(token, FILES.png, 'photo.png')).content_type).toBe('image/png')
    // No extension: the bytes decide.
    expect((await uploaded(token, FILES.webp, 'camera-upload')).content_type).toBe('image/webp')
    const list = (await (await callApi(token, '/api/v1/patient/documents')).json()) as { items: Doc[] }
    expect(list.items.map((d) => d.content_type)).toEqual(['image/webp', 'image/png', 'image/jpeg', 'application/pdf'])
  })

  it('refuses a PDF named .png, a text file, an oversized file and a non-multipart body, storing nothing', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    const renamed = await post(token, '/api/v1/patient/documents', uploadForm(FILES.pdf, 'xray.png'))
    expect(renamed.status).toBe(415)
    expect(await renamed.json()).toMatchObject({ error: { code: 'unsupported_media_type', message: expect.stringContaining('is a PDF but its name ends in .png') } })
    expect((await post(token, '/api/v1/patient/documents', uploadForm(FILES.text, 'notes.pdf'))).status).toBe(415)
    const big = new Uint8Array(10 * 1024 * 1024 + 1)
    big.set(FILES.pdf)
    const tooLarge = await post(token, '/api/v1/patient/documents', uploadForm(big, 'big.pdf'))
    expect(tooLarge.status).toBe(413)
    expect(await tooLarge.json()).toMatchObject({ error: { code: 'payload_too_large' } })
    expect((await post(token, '/api/v1/patient/documents', JSON.stringify({ title: 'x' }), 'application/json')).status).toBe(415)
    const noFile = await post(token, '/api/v1/patient/documents', (() => { const f = new FormData(); f.set('title', 'x'); return f })())
    expect(noFile.status).toBe(400)
    expect(await noFile.json()).toMatchObject({ error: { fields: { file: 'is required' } } })
    expect((await post(token, '/api/v1/patient/documents', uploadForm(FILES.pdf, 'a.pdf', { title: 'x', category: 'gossip' }))).status).toBe(400)
    expect(await storedFor(patient.id)).toEqual([])
    expect((await env.DOCUMENTS.list({ prefix: 'documents/' })).objects.every((o) => o.size !== big.length)).toBe(true)
  })

  it('downloads as an attachment with nosniff, to the patient, their doctor and a clinic admin only', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    const doc = await uploaded(token, FILES.pdf, 'results.pdf')
    const download = await callApi(token, `/api/v1/patient/documents/${doc.id}/download`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-type')).toBe('application/pdf')
    expect(download.headers.get('content-disposition')).toMatch(/^attachment; filename="Blood_test\.pdf"/)
    expect(download.headers.get('x-content-type-options')).toBe('nosniff')
    expect(new Uint8Array(await download.arrayBuffer())).toEqual(FILES.pdf)

    const { doctor, user: doctorUser } = await createDoctor()
    await createAppointment(doctor.id, patient.id)
    expect((await callApi(await tokenFor(doctorUser), `/api/v1/patient/documents/${doc.id}/download`)).status).toBe(200)
    expect((await callApi(await tokenFor(await clinicAdminOf(doctor.id)), `/api/v1/patient/documents/${doc.id}`)).status).toBe(200)
    expect((await callApi(await tokenFor(await createClinicAdmin()), `/api/v1/patient/documents/${doc.id}`)).status).toBe(404)

    const strangers = [await tokenFor((await createDoctor()).user), await tokenFor(await createUser()), await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))]
    for (const stranger of strangers) {
      expect((await callApi(stranger, `/api/v1/patient/documents/${doc.id}`)).status).toBe(404)
      expect((await callApi(stranger, `/api/v1/patient/documents/${doc.id}/download`)).status).toBe(404)
      expect((await callApi(stranger, `/api/v1/patient/documents/${doc.id}`, 'DELETE')).status).toBe(404)
    }
    const audited = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, doc.id), eq(schema.auditLog.action, 'document.download')))
    expect(audited.map((a) => a.actorRole).sort()).toEqual(['doctor', 'patient'])
  })

  it('lets the visit’s doctor attach a file the patient then sees, and the patient delete it', async () => {
    const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Attach' })
    const patient = await createUser()
    const appointment = await createAppointment(doctor.id, patient.id, { status: 'completed' })
    const attached = await post(await tokenFor(doctorUser), `/api/v1/appointments/${appointment.id}/documents`, uploadForm(FILES.png, 'wound.png', { title: 'Wound photo', category: 'imaging' }))
    expect(attached.status).toBe(201)
    const { document } = (await attached.json()) as { document: Doc }
    expect(document).toMatchObject({ appointment_id: appointment.id, uploaded_by: { name: 'Dr. Attach' } })
    const patientToken = await tokenFor(patient)
    expect(((await (await callApi(patientToken, '/api/v1/patient/documents')).json()) as { items: Doc[] }).items.map((d) => d.id)).toEqual([document.id])
    expect((await post(await tokenFor((await createDoctor()).user), `/api/v1/appointments/${appointment.id}/documents`, uploadForm(FILES.png, 'x.png'))).status).toBe(404)

    expect((await callApi(patientToken, `/api/v1/patient/documents/${document.id}`, 'DELETE')).status).toBe(204)
    expect((await callApi(patientToken, `/api/v1/patient/documents/${document.id}`)).status).toBe(404)
    const [row] = await storedFor(patient.id)
    expect(row!.deletedAt).not.toBeNull()
    expect(await env.DOCUMENTS.get(row!.storageKey)).toBeNull()
  })
})
