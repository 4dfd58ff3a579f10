import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { occurrenceStarts } from '../../../src/features/series/service'
import { testDb } from '../../helpers/db'
import { createAppointment, createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

const DAY = 86_400_000
const first = new Date(Date.UTC(new Date().getUTCFullYear(), new Date().getUTCMonth(), new Date().getUTCDate() + 3, 10, 0))
const week = (n: number) => new Date(first.getTime() + n * 7 * DAY).toISOString().replace('.000Z', 'Z')
type Series = { id: string; booked: { appointment_id: string; start: string }[]; skipped: { start: string; reason: string }[] }

async function therapist() {
  const { doctor, user } = await createDoctor()
  await createAvailability(doctor.id, { maxAdvanceDays: 120 })
  const patient = await createUser({ role: 'patient', name: 'Theo Therapy' })
  await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() - 10 * DAY), status: 'completed' })
  return { doctor, doctorToken: await tokenFor(user), patient, patientToken: await tokenFor(patient) }
}

describe('recurring series', () => {
  it('books weekly occurrences as ordinary appointments, reports and skips a conflict, and cancels the rest', async () => {
    const { doctor, doctorToken, patient, patientToken } = await therapist()
    // Someone else already has week 2's time.
    await createAppointment(doctor.id, (await createUser({ role: 'patient' })).id, { startAt: new Date(week(2)) })
    const res = await callApi(doctorToken, '/api/v1/doctor/series', 'POST', { patient_id: patient.id, start: week(0), type: 'video', frequency: 'weekly', occurrences: 5, reason: 'Weekly therapy' })
    expect(res.status).toBe(201)
    const { series } = (await res.json()) as { series: Series }
    expect(series.booked.map((b) => b.start)).toEqual([week(0), week(1), week(3), week(4)])
    expect(series.skipped).toEqual([{ start: week(2), reason: 'Another appointment is booked at this time.' }])

    // Each is an ordinary appointment of the patient's, linked to the series.
    const mine = (await (await callApi(patientToken, '/api/v1/appointments?scope=upcoming')).json()) as { items: { id: string; series_id: string | null; status: string }[] }
    expect(mine.items.filter((a) => a.series_id === series.id)).toHaveLength(4)
    const told = await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.link, `/series/${series.id}`)))
    expect(told).toHaveLength(1)

    // One occurrence is cancelled the ordinary way; then the rest from week 3.
    expect((await callApi(patientToken, `/api/v1/appointments/${series.booked[1]!.appointment_id}/cancel`, 'POST', {})).status).toBe(200)
    const cancel = await callApi(doctorToken, `/api/v1/series/${series.id}/cancel`, 'POST', { from: series.booked[2]!.appointment_id, reason: 'Therapy ends early' })
    expect(cancel.status).toBe(200)
    expect(await cancel.json()).toEqual({ cancelled: [series.booked[2]!.appointment_id, series.booked[3]!.appointment_id], refused: [] })
    const view = (await (await callApi(patientToken, `/api/v1/series/${series.id}`)).json()) as { series: { items: { status: string }[] } }
    expect(view.series.items.map((i) => i.status)).toEqual(['confirmed', 'cancelled', 'cancelled', 'cancelled'])
  })

  it('is only for the doctor’s own patients; others do not see the series', async () => {
    const { doctorToken, patientToken, patient } = await therapist()
    const stranger = await createUser({ role: 'patient' })
    expect((await callApi(doctorToken, '/api/v1/doctor/series', 'POST', { patient_id: stranger.id, start: week(0), type: 'video', frequency: 'weekly', occurrences: 3, reason: 'Therapy' })).status).toBe(404)
    expect((await callApi(doctorToken, '/api/v1/doctor/series', 'POST', { patient_id: patient.id, start: week(0), type: 'video', frequency: 'monthly', occurrences: 3, reason: 'Therapy' })).status).toBe(400)
    expect((await callApi(patientToken, '/api/v1/doctor/series', 'POST', { patient_id: patient.id, start: week(0), type: 'video', frequency: 'weekly', occurrences: 3, reason: 'Therapy' })).status).toBe(403)
    const res = await callApi(doctorToken, '/api/v1/doctor/series', 'POST', { patient_id: patient.id, start: week(0), type: 'video', frequency: 'biweekly', occurrences: 2, reason: 'Therapy' })
    const { series } = (await res.json()) as { series: Series }
    expect(series.booked.map((b) => b.start)).toEqual([week(0), week(2)])
    expect((await callApi(await tokenFor(stranger), `/api/v1/series/${series.id}`)).status).toBe(404)
  })

  it('keeps the same time on the doctor’s clock across a clock change', () => {
    // 10:00 in Berlin on the Monday before the end of summer time, and the two Mondays after.
    const starts = occurrenceStarts(new Date('2027-10-25T08:00:00Z'), 'Europe/Berlin', 'weekly', 3)
    expect(starts.map((s) => s.toISOString())).toEqual(['2027-10-25T08:00:00.000Z', '2027-11-01T09:00:00.000Z', '2027-11-08T09:00:00.000Z'])
  })
})
