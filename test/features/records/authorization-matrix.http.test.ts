import { beforeAll, describe, expect, it } from 'vitest'
import { clinicAdminOf, createAppointment, createClinicAdmin, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { matrixRequest } from '../../helpers/matrix'
import { cookieFor, tokenFor } from '../../helpers/auth'
import { FILES, uploadForm } from '../../helpers/fixtures/documents'

// Every endpoint that reads or writes a patient's record, asked by each kind of caller. The
// record belongs to "owner"; "treating" is the doctor of owner's visit. Anyone who may not know
// the record exists gets 404; a caller of the wrong role for a route gets 403; nobody signed in,
// 401 (or, for pages, the sign-in page). "clinic" is an admin of the treating doctor's clinic,
// "otherClinic" an admin of another clinic: to them, as to support, the record does not exist.
const CALLERS = ['owner', 'otherPatient', 'treating', 'otherDoctor', 'support', 'clinic', 'otherClinic', 'anonymous'] as const
type Caller = (typeof CALLERS)[number]
type Ids = { patientId: string; appointmentId: string; documentId: string; prescriptionId: string }
type Row = { name: string; method?: string; path: (ids: Ids) => string; body?: unknown; page?: boolean; expect: Record<Exclude<Caller, 'otherClinic'>, number> & { otherClinic?: number } }

const SOAP = { subjective: 'matrix' }
const RX = { items: [{ drug: 'Paracetamol', strength: '500 mg', dose: '1 tablet', route: 'oral', frequency: 'every 6 hours', duration: '3 days', quantity: 12, refills: 0 }] }
const readable = { owner: 200, otherPatient: 404, treating: 200, otherDoctor: 404, support: 404, clinic: 200, anonymous: 401 }
const patientOnly = { owner: 200, otherPatient: 200, treating: 403, otherDoctor: 403, support: 403, clinic: 403, anonymous: 401 }
const asPage = (statuses: Row['expect']) => ({ ...statuses, anonymous: 303 })

const MATRIX: Row[] = [
  { name: 'own profile', path: () => '/api/v1/patient/profile', expect: patientOnly },
  { name: 'own medical history', path: () => '/api/v1/patient/medical-history', expect: patientOnly },
  { name: 'own documents', path: () => '/api/v1/patient/documents', expect: patientOnly },
  { name: 'own access log', path: () => '/api/v1/patient/access-log', expect: patientOnly },
  { name: 'a patient for a doctor', path: (i) => `/api/v1/doctor/patients/${i.patientId}`, expect: { owner: 403, otherPatient: 403, treating: 200, otherDoctor: 404, support: 403, clinic: 403, anonymous: 401 } },
  { name: 'document by id', path: (i) => `/api/v1/patient/documents/${i.documentId}`, expect: readable },
  { name: 'document download', path: (i) => `/api/v1/patient/documents/${i.documentId}/download`, expect: readable },
  { name: 'visit notes', path: (i) => `/api/v1/appointments/${i.appointmentId}/notes`, expect: readable },
  { name: 'visit prescriptions', path: (i) => `/api/v1/appointments/${i.appointmentId}/prescriptions`, expect: readable },
  { name: 'prescription by id', path: (i) => `/api/v1/prescriptions/${i.prescriptionId}`, expect: readable },
  { name: 'write notes', method: 'PUT', body: SOAP, path: (i) => `/api/v1/appointments/${i.appointmentId}/notes`, expect: { owner: 403, otherPatient: 404, treating: 200, otherDoctor: 404, support: 404, clinic: 403, anonymous: 401 } },
  { name: 'issue a prescription', method: 'POST', body: RX, path: (i) => `/api/v1/appointments/${i.appointmentId}/prescriptions`, expect: { owner: 403, otherPatient: 404, treating: 201, otherDoctor: 404, support: 404, clinic: 403, anonymous: 401 } },
  { name: 'page: a patient for a doctor', page: true, path: (i) => `/doctor/patients/${i.patientId}`, expect: asPage({ owner: 403, otherPatient: 403, treating: 200, otherDoctor: 404, support: 403, clinic: 403, anonymous: 0 }) },
  { name: 'page: visit notes', page: true, path: (i) => `/appointments/${i.appointmentId}/notes`, expect: asPage(readable) },
  { name: 'page: prescription print', page: true, path: (i) => `/prescriptions/${i.prescriptionId}/print`, expect: asPage(readable) },
  { name: 'page: document download', page: true, path: (i) => `/documents/${i.documentId}/download`, expect: asPage(readable) },
  { name: 'page: my record', page: true, path: () => '/record', expect: asPage(patientOnly) },
  // Last: it removes the document the rows above read.
  { name: 'delete a document', method: 'DELETE', path: (i) => `/api/v1/patient/documents/${i.documentId}`, expect: { otherPatient: 404, treating: 404, otherDoctor: 404, support: 404, clinic: 404, anonymous: 401, owner: 204 } },
]

let ids: Ids
const tokens = {} as Record<Caller, string | null>
const cookies = {} as Record<Caller, string | null>

beforeAll(async () => {
  const owner = await createUser({ name: 'Matrix Owner' })
  const { doctor, user: treating } = await createDoctor()
  const otherDoctor = (await createDoctor()).user
  const appointment = await createAppointment(doctor.id, owner.id, { status: 'completed' })
  const people = { owner, otherPatient: await createUser(), treating, otherDoctor, support: await createUser({ role: 'admin', adminRole: 'support' }), clinic: await clinicAdminOf(doctor.id), otherClinic: await createClinicAdmin() }
  for (const caller of CALLERS) {
    const person = caller === 'anonymous' ? null : people[caller]
    tokens[caller] = person ? await tokenFor(person) : null
    cookies[caller] = person ? await cookieFor(person) : null
  }
  const upload = await fetchApp('/api/v1/patient/documents', { method: 'POST', headers: { authorization: `Bearer ${tokens.owner}` }, body: uploadForm(FILES.pdf, 'matrix.pdf') })
  const rx = await callApi(tokens.treating!, `/api/v1/appointments/${appointment.id}/prescriptions`, 'POST', RX)
  ids = {
    patientId: owner.id,
    appointmentId: appointment.id,
    documentId: ((await upload.json()) as { document: { id: string } }).document.id,
    prescriptionId: ((await rx.json()) as { prescription: { id: string } }).prescription.id,
  }
})

const request = (row: Row, caller: Caller) => matrixRequest(row.path(ids), row, { token: tokens[caller], cookie: cookies[caller] })

describe('who may touch a patient’s record', () => {
  for (const row of MATRIX) {
    it(`${row.name}: ${row.method ?? 'GET'} ${row.path({ patientId: ':patient', appointmentId: ':appointment', documentId: ':document', prescriptionId: ':prescription' })}`, async () => {
      // Another clinic's admin is answered as a support admin is, unless the row says otherwise.
      const expected = { otherClinic: row.expect.support, ...row.expect }
      const actual: Partial<Record<Caller, number>> = {}
      for (const caller of Object.keys(expected) as Caller[]) {
        const res = await request(row, caller)
        actual[caller] = res.status
        await res.body?.cancel()
      }
      expect(actual).toEqual(expected)
    })
  }
})
