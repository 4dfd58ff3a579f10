import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../src/db/schema'
import { testDb } from '../helpers/db'
import { createAppointment, createDoctor, createUser } from '../helpers/factories'
import { callApi, fetchApp } from '../helpers/http'
import { tokenFor } from '../helpers/auth'
import { FILES, uploadForm } from '../helpers/fixtures/documents'

const auditOf = (entityId: string) => testDb().select().from(schema.auditLog).where(eq(schema.auditLog.entityId, entityId))

// The audit log says what happened: a change refused or aimed at nothing leaves no row.
describe('the audit log records only changes that took place', () => {
  it('writes no "deleted" row for a document that is not there', async () => {
    const patient = await createUser({ role: 'patient' })
    const id = `dcm_${crypto.randomUUID().replace(/-/g, '')}`
    const res = await fetchApp(`/api/v1/patient/documents/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${await tokenFor(patient)}` } })
    expect(res.status).toBe(404)
    expect(await auditOf(id)).toEqual([])
  })

  it('writes the row when the document was there and is deleted', async () => {
    const patient = await createUser({ role: 'patient' })
    const auth = { authorization: `Bearer ${await tokenFor(patient)}` }
    const upload = await fetchApp('/api/v1/patient/documents', { method: 'POST', headers: auth, body: uploadForm(FILES.pdf, 'audit.pdf') })
    const { document } = (await upload.json()) as { document: { id: string } }
    expect((await fetchApp(`/api/v1/patient/documents/${document.id}`, { method: 'DELETE', headers: auth })).status).toBe(204)
    expect((await auditOf(document.id)).map((row) => row.action)).toContain('document.deleted')
  })

  it('writes no "updated" row for a history entry that is not there, and one when it was', async () => {
    const patient = await createUser({ role: 'patient' })
    const auth = { authorization: `Bearer ${await tokenFor(patient)}`, 'content-type': 'application/json' }
    const added = await fetchApp('/api/v1/patient/medical-history/allergies', { method: 'POST', headers: auth, body: JSON.stringify({ substance: 'Latex' }) })
    const { item } = (await added.json()) as { item: { id: string } }
    expect((await fetchApp(`/api/v1/patient/medical-history/allergies/${item.id}`, { method: 'DELETE', headers: auth })).status).toBe(204)
    expect((await auditOf(item.id)).map((row) => [row.action, row.actorUserId, row.subjectUserId])).toEqual([['record.updated', patient.id, patient.id]])
  })

  it('writes no "updated" row for a history entry that is not there', async () => {
    const patient = await createUser({ role: 'patient' })
    const id = `alg_${crypto.randomUUID().replace(/-/g, '')}`
    const res = await fetchApp(`/api/v1/patient/medical-history/allergies/${id}`, { method: 'DELETE', headers: { authorization: `Bearer ${await tokenFor(patient)}` } })
    expect(res.status).toBe(404)
    expect(await auditOf(id)).toEqual([])
  })

  it('records each note write that took place, once', async () => {
    const { doctor, user: doctorUser } = await createDoctor()
    const patient = await createUser({ role: 'patient' })
    const appointment = await createAppointment(doctor.id, patient.id, { status: 'completed' })
    const token = await tokenFor(doctorUser)
    const notes = `/api/v1/appointments/${appointment.id}/notes`
    expect((await callApi(token, notes, 'PUT', { subjective: 'Cough', finalize: true })).status).toBe(200)
    const actions = async () => (await auditOf(appointment.id)).map((row) => row.action).filter((a) => a.startsWith('visit_note.'))
    expect(await actions()).toEqual(['visit_note.finalized'])
    expect((await callApi(token, `${notes}/amendments`, 'POST', { subjective: 'Cough, dry', reason: 'Typo' })).status).toBe(201)
    expect(await actions()).toEqual(['visit_note.finalized', 'visit_note.amended'])
  })
})
