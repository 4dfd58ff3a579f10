import { beforeAll, describe, expect, it } from 'vitest'
import * as schema from '../../src/db/schema'
import { createClinic, createClinicAdmin, createDoctor, createUser } from '../helpers/factories'
import { matrixRequest } from '../helpers/matrix'
import { cookieFor, tokenFor } from '../helpers/auth'

// Every admin route, asked by each kind of person: a super admin; a clinic admin of the clinic
// the records belong to ("ownClinic") and of another ("otherClinic"); a support admin; a doctor;
// a patient; nobody. Changes are asked of records that do not exist or with nothing in the body,
// so a caller the guard lets through gets 404 or 400/422 and nothing changes; one it stops gets
// 403 (401 signed out, or the sign-in page for a page).
const CALLERS = ['super', 'ownClinic', 'otherClinic', 'support', 'doctor', 'patient', 'anonymous'] as const
type Caller = (typeof CALLERS)[number]
type Ids = { doctorId: string; clinicId: string; userId: string }
type Row = { method?: string; path: (i: Ids) => string; page?: boolean; body?: unknown; expect: Record<Caller, number> }

const all = (n: number, except: Partial<Record<Caller, number>> = {}): Record<Caller, number> => ({ super: n, ownClinic: n, otherClinic: n, support: n, doctor: n, patient: n, anonymous: n, ...except })
// Who may reach each part of the console (an API request signed out: 401).
const runClinic = (ok: number, other = ok) => all(403, { super: ok, ownClinic: ok, otherClinic: other, anonymous: 401 })
const superOnly = (ok: number) => all(403, { super: ok, anonymous: 401 })
const supportDesk = (ok: number) => all(403, { super: ok, support: ok, anonymous: 401 })
const asPage = (statuses: Record<Caller, number>) => ({ ...statuses, anonymous: 303 })

const MATRIX: Row[] = [
  // The dashboard, doctors, clinics, reports and the audit log: super and clinic admins.
  { path: () => '/api/v1/admin/dashboard', expect: runClinic(200) },
  { path: () => '/admin', page: true, expect: asPage(runClinic(200)) },
  { path: () => '/api/v1/admin/doctors?status=all', expect: runClinic(200) },
  { path: () => '/api/v1/admin/doctors.csv', expect: runClinic(200) },
  { path: () => '/admin/doctors', page: true, expect: asPage(runClinic(200)) },
  { path: () => '/admin/doctors/new', page: true, expect: asPage(runClinic(200)) },
  { path: (i) => `/api/v1/admin/doctors/${i.doctorId}`, expect: runClinic(200, 404) },
  { path: (i) => `/admin/doctors/${i.doctorId}`, page: true, expect: asPage(runClinic(200, 404)) },
  { path: (i) => `/api/v1/admin/doctors/${i.doctorId}/documents/ddc_none`, expect: runClinic(404) },
  { method: 'PUT', path: (i) => `/api/v1/admin/doctors/${i.doctorId}`, body: {}, expect: runClinic(400) },
  { method: 'POST', path: (i) => `/api/v1/admin/doctors/${i.doctorId}/suspend`, body: {}, expect: runClinic(400) },
  { method: 'POST', path: () => '/api/v1/admin/doctors/doc_none/verify', expect: runClinic(404) },
  { method: 'POST', path: () => '/api/v1/admin/doctors/doc_none/cancel-upcoming', body: { reason: 'Matrix check' }, expect: runClinic(404) },
  { method: 'POST', path: (i) => `/api/v1/admin/doctors/${i.doctorId}/reinstate`, body: {}, expect: runClinic(400) },
  { method: 'POST', path: (i) => `/api/v1/admin/doctors/${i.doctorId}/reject`, body: {}, expect: runClinic(400) },
  { method: 'POST', path: (i) => `/api/v1/admin/doctors/${i.doctorId}/documents/ddc_none/reviewed`, expect: runClinic(404) },
  { method: 'POST', path: () => '/api/v1/admin/doctors', body: {}, expect: runClinic(400) },
  { path: () => '/api/v1/admin/clinics', expect: runClinic(200) },
  { path: (i) => `/api/v1/admin/clinics/${i.clinicId}`, expect: runClinic(200, 404) },
  { path: () => '/admin/clinics', page: true, expect: asPage(runClinic(200)) },
  { path: (i) => `/admin/clinics/${i.clinicId}`, page: true, expect: asPage(runClinic(200, 404)) },
  { method: 'POST', path: () => '/api/v1/admin/clinics', body: {}, expect: superOnly(400) },
  { method: 'PUT', path: () => '/api/v1/admin/clinics/cln_none', body: { name: 'Matrix Clinic Renamed' }, expect: superOnly(404) },
  { path: () => '/api/v1/admin/reports/utilisation', expect: runClinic(200) },
  { path: () => '/api/v1/admin/reports/outcomes.csv', expect: runClinic(200) },
  { path: () => '/admin/reports', page: true, expect: asPage(runClinic(200)) },
  { path: () => '/api/v1/admin/audit', expect: runClinic(200) },
  { path: () => '/api/v1/admin/audit.csv', expect: runClinic(200) },
  { path: () => '/admin/audit', page: true, expect: asPage(runClinic(200)) },
  { path: () => '/api/v1/admin/audit/verify', expect: runClinic(200) },
  // Every admin reads the appointments table (support without reasons).
  { path: () => '/api/v1/admin/appointments', expect: all(200, { doctor: 403, patient: 403, anonymous: 401 }) },
  { path: () => '/api/v1/admin/appointments.csv', expect: all(200, { doctor: 403, patient: 403, anonymous: 401 }) },
  { path: () => '/admin/appointments', page: true, expect: asPage(all(200, { doctor: 403, patient: 403 })) },
  { path: () => '/api/v1/admin/payments', expect: all(200, { doctor: 403, patient: 403, anonymous: 401 }) },
  { path: () => '/api/v1/admin/payments.csv', expect: all(200, { doctor: 403, patient: 403, anonymous: 401 }) },
  { path: () => '/admin/payments', page: true, expect: asPage(all(200, { doctor: 403, patient: 403 })) },
  { method: 'POST', path: () => '/api/v1/admin/payments/pay_none/refund', body: { reason: 'Matrix check' }, expect: runClinic(404) },
  // Subscription plans: every admin reads them; super admins define them.
  { path: () => '/api/v1/admin/plans', expect: all(200, { doctor: 403, patient: 403, anonymous: 401 }) },
  { path: () => '/admin/plans', page: true, expect: asPage(all(200, { doctor: 403, patient: 403 })) },
  { path: () => '/admin/plans/pln_none', page: true, expect: asPage(superOnly(404)) },
  { method: 'POST', path: () => '/api/v1/admin/plans', body: {}, expect: superOnly(400) },
  { method: 'PUT', path: () => '/api/v1/admin/plans/pln_none', body: { name: 'Matrix Plan', price_cents: 100, currency: 'USD', commission_percent: 5, max_consultation_types: null, features: [], active: true }, expect: superOnly(404) },
  // People and tickets: super and support admins.
  { path: () => '/api/v1/admin/users', expect: supportDesk(200) },
  { path: () => '/api/v1/admin/users.csv', expect: supportDesk(200) },
  { path: (i) => `/api/v1/admin/users/${i.userId}`, expect: supportDesk(200) },
  { path: () => '/admin/users', page: true, expect: asPage(supportDesk(200)) },
  { path: (i) => `/admin/users/${i.userId}`, page: true, expect: asPage(supportDesk(200)) },
  { method: 'POST', path: (i) => `/api/v1/admin/users/${i.userId}/sign-out`, body: {}, expect: supportDesk(400) },
  { method: 'POST', path: (i) => `/api/v1/admin/users/${i.userId}/deactivate`, body: {}, expect: superOnly(400) },
  { method: 'POST', path: (i) => `/api/v1/admin/users/${i.userId}/reactivate`, body: {}, expect: superOnly(400) },
  { method: 'POST', path: (i) => `/api/v1/admin/users/${i.userId}/reset-second-factor`, body: {}, expect: superOnly(400) },
  { method: 'POST', path: (i) => `/api/v1/admin/users/${i.userId}/admin-role`, body: {}, expect: superOnly(400) },
  { method: 'POST', path: () => '/api/v1/admin/users/usr_none/resend-verification', expect: supportDesk(404) },
  { path: () => '/admin/users/invite', page: true, expect: asPage(superOnly(200)) },
  { path: () => '/api/v1/admin/tickets', expect: supportDesk(200) },
  { path: () => '/api/v1/admin/tickets.csv', expect: supportDesk(200) },
  { path: () => '/api/v1/admin/tickets/tkt_none', expect: supportDesk(404) },
  { path: () => '/admin/tickets', page: true, expect: asPage(supportDesk(200)) },
  { method: 'PATCH', path: () => '/api/v1/admin/tickets/tkt_none', body: { status: 'closed' }, expect: supportDesk(404) },
  { method: 'POST', path: () => '/api/v1/admin/tickets/tkt_none/messages', body: {}, expect: supportDesk(400) },
  { path: () => '/admin/tickets/tkt_none', page: true, expect: asPage(supportDesk(404)) },
  { method: 'POST', path: () => '/api/v1/admin/tickets/from-conversation', body: { conversation_id: 'cnv_none' }, expect: supportDesk(404) },
  // Review moderation: super and support admins.
  { path: () => '/api/v1/admin/reviews', expect: supportDesk(200) },
  { path: () => '/admin/reviews', page: true, expect: asPage(supportDesk(200)) },
  { method: 'POST', path: () => '/api/v1/admin/reviews/rev_none/publish', body: { reason: 'Matrix check' }, expect: supportDesk(404) },
  { method: 'POST', path: () => '/api/v1/admin/reviews/rev_none/hide', body: {}, expect: supportDesk(400) },
  // Settings, specialties and inviting admins: super admins only.
  { path: () => '/api/v1/admin/settings', expect: superOnly(200) },
  { path: () => '/admin/settings', page: true, expect: asPage(superOnly(200)) },
  { path: () => '/api/v1/admin/specialties', expect: superOnly(200) },
  { path: () => '/admin/specialties', page: true, expect: asPage(superOnly(200)) },
  { method: 'PUT', path: () => '/api/v1/admin/settings/platform.contact', body: {}, expect: superOnly(400) },
  { method: 'POST', path: () => '/api/v1/admin/specialties', body: {}, expect: superOnly(400) },
  { method: 'PATCH', path: () => '/api/v1/admin/specialties/spc_none', body: { active: true }, expect: superOnly(404) },
  { path: () => '/api/v1/admin/specialties/spc_none/intake', expect: superOnly(404) },
  { path: () => '/admin/specialties/spc_none/intake', page: true, expect: asPage(superOnly(404)) },
  { method: 'PUT', path: () => '/api/v1/admin/specialties/spc_none/intake', body: {}, expect: superOnly(400) },
  { method: 'POST', path: () => '/api/v1/admin/users', body: {}, expect: superOnly(400) },
]

let ids: Ids
const tokens = {} as Record<Caller, string | null>
const cookies = {} as Record<Caller, string | null>

beforeAll(async () => {
  const clinic = await createClinic()
  const { doctor } = await createDoctor({ clinicId: clinic.id })
  const people: Record<Exclude<Caller, 'anonymous'>, typeof schema.users.$inferSelect> = {
    super: await createUser({ role: 'admin', adminRole: 'super' }),
    ownClinic: await createClinicAdmin(clinic.id),
    otherClinic: await createClinicAdmin(),
    support: await createUser({ role: 'admin', adminRole: 'support' }),
    doctor: (await createDoctor()).user,
    patient: await createUser(),
  }
  for (const caller of CALLERS) {
    const person = caller === 'anonymous' ? null : people[caller]
    tokens[caller] = person ? await tokenFor(person) : null
    cookies[caller] = person ? await cookieFor(person) : null
  }
  ids = { doctorId: doctor.id, clinicId: clinic.id, userId: (await createUser()).id }
})

const request = (row: Row, caller: Caller) => matrixRequest(row.path(ids), row, { token: tokens[caller], cookie: cookies[caller] })

describe('who may use each part of the admin console', () => {
  for (const row of MATRIX) {
    it(`${row.method ?? 'GET'} ${row.path({ doctorId: ':doctor', clinicId: ':clinic', userId: ':user' })}${row.page ? ' (page)' : ''}`, async () => {
      const actual = {} as Record<Caller, number>
      for (const caller of CALLERS) {
        const res = await request(row, caller)
        actual[caller] = res.status
        await res.body?.cancel()
      }
      expect(actual).toEqual(row.expect)
    })
  }
})
