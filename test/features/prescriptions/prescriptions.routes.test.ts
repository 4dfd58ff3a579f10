import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'
import { prescribingVisit } from '../../helpers/fixtures/prescriptions'

const row = (i: number, fields: Record<string, string>) => Object.fromEntries(Object.entries(fields).map(([k, v]) => [`items.${i}.${k}`, v]))
const MEDICINE = { drug: 'Salbutamol', strength: '100 mcg', dose: '2 puffs', route: 'inhaled', frequency: 'when needed', duration: '30 days', quantity: '1', refills: '2', instructions: '<script>alert(1)</script> shake first' }

describe('the prescription pages', () => {
  it('issue from a plain form, skip blank rows, show the prescription and a printable page', async () => {
    const { appointment, doctorUser, patient, doctor } = await prescribingVisit()
    const doctorCookie = await cookieFor(doctorUser)
    const form = await (await fetchApp(`/appointments/${appointment.id}/prescriptions/new`, asBrowser(doctorCookie))).text()
    expect(form).toContain('New prescription for Paula Rx')
    expect(form).toContain('name="items.2.drug"')

    const issued = await postForm(`/appointments/${appointment.id}/prescriptions`, doctorCookie, { ...row(0, MEDICINE), ...row(1, { drug: '', route: 'oral', refills: '' }) })
    expect(issued.status).toBe(303)
    const location = issued.headers.get('location')!
    expect(location).toMatch(/^\/prescriptions\/rx_[a-z0-9]+\?issued=1$/)
    const id = location.split('/')[2]!.split('?')[0]!

    const patientCookie = await cookieFor(patient)
    const page = await (await fetchApp(`/prescriptions/${id}`, asBrowser(patientCookie))).text()
    expect(page).toContain('Salbutamol')
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt; shake first')
    expect(page).not.toContain('Correct this prescription')
    const print = await (await fetchApp(`/prescriptions/${id}/print`, asBrowser(patientCookie))).text()
    expect(print).toContain('Dr. Rx')
    expect(print).toContain(doctor.licenseNumber)
    expect(print).toContain('Paula Rx')
    expect(print).toContain('class="rx-print"')

    const stranger = await cookieFor(await createUser())
    expect((await fetchApp(`/prescriptions/${id}/print`, asBrowser(stranger))).status).toBe(404)
  })

  it('keeps what the doctor typed when a row is wrong, and stores nothing', async () => {
    const { appointment, doctorUser, patient } = await prescribingVisit()
    const res = await postForm(`/appointments/${appointment.id}/prescriptions`, await cookieFor(doctorUser), row(0, { ...MEDICINE, quantity: '100000', drug: 'Kept drug name' }))
    expect(res.status).toBe(422)
    const html = await res.text()
    expect(html).toContain('value="Kept drug name"')
    expect(html).toContain('must be at most 1000')
    expect(await testDb().select().from(schema.prescriptions).where(eq(schema.prescriptions.patientId, patient.id))).toEqual([])
    const empty = await postForm(`/appointments/${appointment.id}/prescriptions`, await cookieFor(doctorUser), {})
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('add at least one medicine')
  })

  it('offers the doctor a correction that starts from the old prescription', async () => {
    const { appointment, doctorUser } = await prescribingVisit()
    const doctorCookie = await cookieFor(doctorUser)
    const issued = await postForm(`/appointments/${appointment.id}/prescriptions`, doctorCookie, row(0, MEDICINE))
    const id = issued.headers.get('location')!.split('/')[2]!.split('?')[0]!
    expect(await (await fetchApp(`/prescriptions/${id}`, asBrowser(doctorCookie))).text()).toContain('Correct this prescription')
    const correction = await (await fetchApp(`/appointments/${appointment.id}/prescriptions/new?supersedes=${id}`, asBrowser(doctorCookie))).text()
    expect(correction).toContain('value="Salbutamol"')
    expect(correction).toContain(`name="supersedes_id" value="${id}"`)
  })
})
