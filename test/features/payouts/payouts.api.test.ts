import { eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { runPayouts } from '../../../src/features/payouts/service'
import { testDb } from '../../helpers/db'
import { createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm, tokenFor } from '../../helpers/auth'
import { jobContext } from '../../helpers/jobs'
import { completed, hold, paymentOf, payingDoctor, startWithinNotice, webhook } from '../../helpers/payments'

type Payouts = { account_status: string; balance: { currency: string; amount_cents: number }[]; items: { amount_cents: number; currency: string; status: string }[] }

/** A paid €50 visit with the doctor (10 % commission: €45 theirs), completed or not. */
async function paidVisit(doctorId: string, start: string, complete: boolean) {
  const { appointment } = await hold(doctorId, start)
  await webhook(completed((await paymentOf(appointment.id)).id))
  if (complete) await testDb().update(schema.appointments).set({ status: 'completed' }).where(eq(schema.appointments.id, appointment.id))
  return paymentOf(appointment.id)
}

const laterSlot = (start: string, days: number) => new Date(Date.parse(start) + days * 86_400_000).toISOString().replace('.000Z', 'Z')

describe('doctors’ payouts', () => {
  it('onboards a doctor (the local test page standing in for Stripe Connect) and pays completed visits’ shares weekly, once', async () => {
    const { doctor, doctorUser, start } = await payingDoctor()
    const cookie = await cookieFor(doctorUser)
    const token = await tokenFor(doctorUser)
    const payouts = async () => (await (await callApi(token, '/api/v1/doctor/payouts')).json()) as Payouts
    expect((await payouts()).account_status).toBe('none')

    await paidVisit(doctor.id, start, true)
    await paidVisit(doctor.id, laterSlot(start, 1), false)
    // Owed: the completed visit's share only; nothing is paid before the account is set up.
    expect((await payouts()).balance).toEqual([{ currency: 'EUR', amount_cents: 4500 }])
    await runPayouts(jobContext(new Date()))
    expect((await payouts()).items).toEqual([])

    const setup = await postForm('/doctor/payouts/onboarding', cookie, {})
    expect(setup.headers.get('location')).toBe('/doctor/payouts/onboarding/local')
    expect((await payouts()).account_status).toBe('onboarding')
    const finished = await postForm('/doctor/payouts/onboarding/local', cookie, {})
    expect(finished.headers.get('location')).toBe('/doctor/payouts?done=onboarding')
    expect((await payouts()).account_status).toBe('enabled')

    await runPayouts(jobContext(new Date()))
    await runPayouts(jobContext(new Date()))
    const after = await payouts()
    expect(after.items).toEqual([expect.objectContaining({ amount_cents: 4500, currency: 'EUR', status: 'paid' })])
    expect(after.balance).toEqual([])
    const page = await (await fetchApp('/doctor/payouts', asBrowser(cookie))).text()
    expect(page).toContain('€45.00')
    expect(page).toContain('<caption>Payouts</caption>')
  })

  it('takes a refund made after a payout back from the next one, and pays nothing while the doctor owes', async () => {
    const { doctor, doctorUser, start } = await payingDoctor()
    const cookie = await cookieFor(doctorUser)
    await postForm('/doctor/payouts/onboarding', cookie, {})
    await postForm('/doctor/payouts/onboarding/local', cookie, {})
    const token = await tokenFor(doctorUser)
    const payouts = async () => (await (await callApi(token, '/api/v1/doctor/payouts')).json()) as Payouts

    const first = await paidVisit(doctor.id, start, true)
    await runPayouts(jobContext(new Date()))
    // €20 refunded by an admin: €18 of it was the doctor's (€2 commission comes back to them).
    const admin = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    expect((await callApi(admin, `/api/v1/admin/payments/${first.id}/refund`, 'POST', { amount_cents: 2000, reason: 'Call dropped' })).status).toBe(200)
    expect((await payouts()).balance).toEqual([{ currency: 'EUR', amount_cents: -1800 }])
    await runPayouts(jobContext(new Date()))
    expect((await payouts()).items).toHaveLength(1)

    await paidVisit(doctor.id, laterSlot(start, 2), true)
    await runPayouts(jobContext(new Date()))
    const amounts = (await payouts()).items.map((p) => p.amount_cents).sort((a, b) => a - b)
    expect(amounts).toEqual([2700, 4500])
  })

  it('pays out what a late cancellation kept: the share not refunded, less its commission', async () => {
    const { doctor, doctorUser } = await payingDoctor()
    const cookie = await cookieFor(doctorUser)
    await postForm('/doctor/payouts/onboarding', cookie, {})
    await postForm('/doctor/payouts/onboarding/local', cookie, {})
    const { appointment } = await hold(doctor.id, startWithinNotice())
    await webhook(completed((await paymentOf(appointment.id)).id))
    const admin = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    await callApi(admin, `/api/v1/appointments/${appointment.id}/cancel`, 'POST', { reason: 'The patient called', for_patient: true })
    await runPayouts(jobContext(new Date()))
    // €45.00 share, less the €25.00 refunded net of its €2.50 commission: €22.50.
    const payouts = (await (await callApi(await tokenFor(doctorUser), '/api/v1/doctor/payouts')).json()) as Payouts
    expect(payouts.items.map((p) => p.amount_cents)).toEqual([2250])
  })

  it('is the doctor’s own', async () => {
    expect((await callApi(await tokenFor(await createUser()), '/api/v1/doctor/payouts')).status).toBe(403)
    expect((await callApi(await tokenFor(await createUser()), '/api/v1/doctor/payouts/onboarding', 'POST')).status).toBe(403)
  })
})
