import { describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { ipKey } from '../../src/lib/ip'
import { testDb } from '../helpers/db'
import { createUser } from '../helpers/factories'
import { callApi, fetchApp } from '../helpers/http'
import { tokenFor } from '../helpers/auth'
import { chatPair } from '../helpers/fixtures/chat'
import { FILES, uploadForm } from '../helpers/fixtures/documents'

const codeOf = async (res: Response) => ((await res.json()) as { error: { code: string } }).error.code

// Limits that stop one account (or one network) from flooding the clinic: bookings, messages
// over HTTP, uploads, and a storage quota per patient.
describe('per-user limits', () => {
  it('limits booking attempts per patient (20 an hour)', async () => {
    const token = await tokenFor(await createUser({ role: 'patient' }))
    const statuses: number[] = []
    for (let i = 0; i < 21; i++) {
      const res = await callApi(token, '/api/v1/appointments', 'POST', { doctor_id: 'doc_nobody', start: '2027-03-15T09:00:00Z', type: 'video', reason: 'A booking attempt' })
      statuses.push(res.status)
    }
    expect(statuses.slice(0, 20).every((s) => s === 404)).toBe(true)
    expect(statuses[20]).toBe(429)
  })

  it('limits messages sent over HTTP per person (30 a minute)', async () => {
    const { conversation, patientToken } = await chatPair()
    const statuses: number[] = []
    for (let i = 0; i < 31; i++) statuses.push((await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages`, 'POST', { client_id: `client-limit-${i}`, body: `Message ${i}` })).status)
    expect(statuses.slice(0, 30).every((s) => s === 201)).toBe(true)
    expect(statuses[30]).toBe(429)
  })

  it('refuses an upload past the patient’s storage quota (200 MB), storing nothing', async () => {
    const patient = await createUser({ role: 'patient' })
    // Twenty files of the 10 MB each may be: the quota is full.
    await testDb().insert(schema.documents).values(Array.from({ length: 20 }, (_, i) => ({ patientId: patient.id, uploadedBy: patient.id, title: `Scan ${i}`, category: 'imaging' as const, contentType: 'application/pdf' as const, sizeBytes: 10 * 1024 * 1024, sha256: 'x'.repeat(64), storageKey: `documents/quota-${crypto.randomUUID()}` })))
    const res = await fetchApp('/api/v1/patient/documents', { method: 'POST', headers: { authorization: `Bearer ${await tokenFor(patient)}` }, body: uploadForm(FILES.pdf, 'more.pdf') })
    expect(res.status).toBe(413)
    expect(await codeOf(res)).toBe('storage_quota_exceeded')
  })
})

describe('per-address limits', () => {
  it('keys an IPv6 address by its /64, and an IPv4 address whole', () => {
    expect(ipKey('2001:db8:85a3:12::8a2e:370:7334')).toBe(ipKey('2001:0db8:85a3:0012:ffff:ffff:ffff:ffff'))
    expect(ipKey('2001:db8:85a3:12::1')).not.toBe(ipKey('2001:db8:85a3:13::1'))
    expect(ipKey('203.0.113.7')).toBe('203.0.113.7')
    expect(ipKey(null)).toBe('unknown')
  })

  it('counts registrations from one IPv6 /64 together', async () => {
    const prefix = `2001:db8:${Math.floor(Math.random() * 0xffff).toString(16)}:${Math.floor(Math.random() * 0xffff).toString(16)}`
    const statuses: number[] = []
    for (let i = 0; i < 11; i++) {
      const res = await fetchApp('/api/v1/auth/register/patient', { method: 'POST', headers: { 'content-type': 'application/json', 'cf-connecting-ip': `${prefix}::${(i + 1).toString(16)}` }, body: JSON.stringify({ email: `v6-${crypto.randomUUID()}@example.test`, password: 'correct horse battery', name: 'Six Four' }) })
      statuses.push(res.status)
    }
    expect(statuses).toEqual([...Array(10).fill(201), 429])
  })
})
