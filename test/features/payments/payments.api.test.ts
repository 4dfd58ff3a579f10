import { env } from 'cloudflare:workers'
import { app } from '../../../src/app'
import { and, eq } from 'drizzle-orm'
import Stripe from 'stripe'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { expireUnpaidHolds } from '../../../src/features/appointments/service/jobs'
import { webhookSecret } from '../../../src/core/stripe'
import { testDb } from '../../helpers/db'
import { createClinic, createClinicAdmin, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm, tokenFor } from '../../helpers/auth'
import { jobContext } from '../../helpers/jobs'
import { appointmentRow, completed, hold, paymentOf, payingDoctor, startWithinNotice, webhook } from '../../helpers/payments'

describe('paying at booking', () => {
  it('holds the slot for a doctor who charges up front, and books it once the local test page pays (the webhook path)', async () => {
    const { doctor, doctorUser, start } = await payingDoctor()
    const { patient, appointment } = await hold(doctor.id, start, 'chat')
    expect(appointment.status).toBe('pending')
    expect(appointment.payment_due!.checkout_url).toBe(`/appointments/${appointment.id}/pay`)
    // The amount is our price for that type, whatever the browser says; the doctor knows nothing yet.
    expect(await paymentOf(appointment.id)).toMatchObject({ amountCents: 2000, currency: 'EUR', status: 'pending', provider: 'local' })
    const doctorToken = await tokenFor(doctorUser)
    expect(((await (await callApi(doctorToken, '/api/v1/appointments')).json()) as { items: { id: string }[] }).items.map((a) => a.id)).not.toContain(appointment.id)
    // The held slot is taken for everyone else.
    const other = await callApi(await tokenFor(await createUser()), '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start, type: 'video', reason: 'Me too' })
    expect(other.status).toBe(409)

    const cookie = await cookieFor(patient)
    const page = await (await fetchApp(`/appointments/${appointment.id}/pay`, asBrowser(cookie))).text()
    expect(page).toContain('Pay €20.00')
    const declined = await postForm(`/appointments/${appointment.id}/pay`, cookie, { outcome: 'decline' })
    expect(declined.status).toBe(402)
    expect(await declined.text()).toContain('Your card was declined')
    expect((await appointmentRow(appointment.id)).paymentDueBy).not.toBeNull()

    const paid = await postForm(`/appointments/${appointment.id}/pay`, cookie, { outcome: 'pay' })
    expect(paid.headers.get('location')).toBe(`/appointments/${appointment.id}/paid`)
    expect(await appointmentRow(appointment.id)).toMatchObject({ status: 'confirmed', paymentDueBy: null })
    expect(await paymentOf(appointment.id)).toMatchObject({ status: 'succeeded', providerRef: `pi_local_${(await paymentOf(appointment.id)).id}` })
    expect(await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, doctorUser.id), eq(schema.notifications.kind, 'appointment_booked')))).toHaveLength(1)
    expect(await (await fetchApp(`/appointments/${appointment.id}/paid`, asBrowser(cookie))).text()).toContain('Paid: your visit is booked')
    // The receipt's link comes in the app and by email.
    const payment = await paymentOf(appointment.id)
    const [receipt] = await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.kind, 'receipt')))
    expect(receipt).toMatchObject({ title: `Receipt ${payment.invoiceNumber}`, link: `/payments/${payment.id}/receipt` })
    const [mail] = await testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, patient.email), eq(schema.emailOutbox.tag, 'receipt')))
    expect(mail!.textBody).toContain(`/payments/${payment.id}/receipt`)
  })

  it('releases an abandoned hold when its time runs out: the slot is free again and the patient is told', async () => {
    const { doctor, start } = await payingDoctor()
    const { patient, appointment } = await hold(doctor.id, start)
    const cookie = await cookieFor(patient)
    const waiting = await fetchApp(`/appointments/${appointment.id}/paid`, asBrowser(cookie))
    // Before anything happens the return page waits, checking again by itself.
    expect(waiting.headers.get('refresh')).toBe('3')
    const after = new Date(Date.parse(appointment.payment_due!.by) + 60_000)
    await Promise.all([expireUnpaidHolds(jobContext(after)), expireUnpaidHolds(jobContext(after))])
    expect(await appointmentRow(appointment.id)).toMatchObject({ status: 'cancelled' })
    expect((await paymentOf(appointment.id)).status).toBe('failed')
    expect(await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.title, 'Held time released: Dr. Up Front')))).toHaveLength(1)
    const next = await callApi(await tokenFor(await createUser()), '/api/v1/appointments', 'POST', { doctor_id: doctor.id, start, type: 'video', reason: 'Now free' })
    expect(next.status).toBe(201)
  })

  it('refunds a payment that arrives after its hold expired and the time was taken, and offers other times', async () => {
    const { doctor, start } = await payingDoctor()
    const { patient, appointment } = await hold(doctor.id, start)
    await expireUnpaidHolds(jobContext(new Date(Date.parse(appointment.payment_due!.by) + 60_000)))
    const taker = await hold(doctor.id, start)
    const payment = await paymentOf(appointment.id)
    const res = await webhook(completed(payment.id))
    expect(res.status).toBe(200)
    expect(await paymentOf(appointment.id)).toMatchObject({ status: 'refunded', refundedCents: 5000 })
    expect(await testDb().select().from(schema.refunds).where(eq(schema.refunds.paymentId, payment.id))).toMatchObject([{ amountCents: 5000, status: 'succeeded' }])
    expect(await appointmentRow(appointment.id)).toMatchObject({ status: 'cancelled' })
    expect((await appointmentRow(taker.appointment.id)).status).toBe('pending')
    const [told] = await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.title, 'Payment refunded: Dr. Up Front')))
    expect(told).toBeDefined()
  })

  it('books a late payment whose time is still free', async () => {
    const { doctor, start } = await payingDoctor()
    const { appointment } = await hold(doctor.id, start)
    await expireUnpaidHolds(jobContext(new Date(Date.parse(appointment.payment_due!.by) + 60_000)))
    expect((await webhook(completed((await paymentOf(appointment.id)).id))).status).toBe(200)
    expect(await appointmentRow(appointment.id)).toMatchObject({ status: 'confirmed', paymentDueBy: null })
    expect((await paymentOf(appointment.id)).status).toBe('succeeded')
  })

  it('acts on each webhook once, in any order, and refuses a bad or stale signature', async () => {
    const { doctor, doctorUser, start } = await payingDoctor()
    const { appointment } = await hold(doctor.id, start)
    const payment = await paymentOf(appointment.id)
    const event = completed(payment.id)
    const first = await webhook(event)
    expect(await first.json()).toEqual({ received: true, duplicate: false })
    expect(await (await webhook(event)).json()).toEqual({ received: true, duplicate: true })
    // Another event telling the same thing (Stripe may send one per attempt), and one of a kind we do not act on.
    expect((await webhook(completed(payment.id))).status).toBe(200)
    expect((await webhook({ id: `evt_${crypto.randomUUID()}`, type: 'checkout.session.expired', data: { object: { id: 'cs_x', object: 'checkout.session', client_reference_id: payment.id } } })).status).toBe(200)
    expect(await appointmentRow(appointment.id)).toMatchObject({ status: 'confirmed', paymentDueBy: null })
    expect(await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, doctorUser.id), eq(schema.notifications.kind, 'appointment_booked')))).toHaveLength(1)
    expect(await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.link, `/payments/${payment.id}/receipt`), eq(schema.notifications.kind, 'receipt')))).toHaveLength(1)

    const forged = await webhook(completed(payment.id), new Date(), 'whsec_not_ours')
    expect(forged.status).toBe(400)
    expect(((await forged.json()) as { error: { code: string } }).error.code).toBe('invalid_signature')
    expect((await webhook(completed(payment.id), new Date(Date.now() - 10 * 60_000))).status).toBe(400)
    expect((await fetchApp('/api/v1/payments/webhook', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' })).status).toBe(400)
  })

  it('accepts a signature made by the stripe library’s own test helper', async () => {
    const { doctor, start } = await payingDoctor()
    const { appointment } = await hold(doctor.id, start)
    const payload = JSON.stringify({ object: 'event', created: Math.floor(Date.now() / 1000), ...completed((await paymentOf(appointment.id)).id) })
    const header = await Stripe.webhooks.generateTestHeaderStringAsync({ payload, secret: (await webhookSecret(env))!, cryptoProvider: Stripe.createSubtleCryptoProvider() })
    const res = await fetchApp('/api/v1/payments/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': header }, body: payload })
    expect(res.status).toBe(200)
    expect((await appointmentRow(appointment.id)).status).toBe('confirmed')
  })

  it('shows a patient their own payments only, and another’s checkout does not exist for them', async () => {
    const { doctor, start } = await payingDoctor()
    const { token, appointment } = await hold(doctor.id, start)
    const mine = (await (await callApi(token, '/api/v1/payments')).json()) as { items: { appointment_id: string; amount_cents: number }[] }
    expect(mine.items).toEqual([expect.objectContaining({ appointment_id: appointment.id, amount_cents: 5000 })])
    const stranger = await createUser()
    expect(((await (await callApi(await tokenFor(stranger), '/api/v1/payments')).json()) as { items: unknown[] }).items).toEqual([])
    expect((await fetchApp(`/appointments/${appointment.id}/pay`, asBrowser(await cookieFor(stranger)))).status).toBe(404)
  })

  it('refunds a paid visit in full when it is cancelled, and drops a payment still owed', async () => {
    const { doctor, start } = await payingDoctor()
    const { token, appointment } = await hold(doctor.id, start)
    await webhook(completed((await paymentOf(appointment.id)).id))
    expect((await callApi(token, `/api/v1/appointments/${appointment.id}/cancel`, 'POST', { reason: 'Feeling better' })).status).toBe(200)
    const payment = await paymentOf(appointment.id)
    expect(payment).toMatchObject({ status: 'refunded', refundedCents: 5000 })
    expect(await testDb().select().from(schema.refunds).where(eq(schema.refunds.paymentId, payment.id))).toMatchObject([{ amountCents: 5000, status: 'succeeded', reason: 'The visit was cancelled.' }])

    const other = await payingDoctor()
    const unpaid = await hold(other.doctor.id, other.start)
    expect((await callApi(unpaid.token, `/api/v1/appointments/${unpaid.appointment.id}/cancel`, 'POST', {})).status).toBe(200)
    expect((await paymentOf(unpaid.appointment.id)).status).toBe('failed')
  })

  it('refunds the late-cancellation share when the clinic cancels at the patient’s request after the notice, in full before it', async () => {
    const { doctor } = await payingDoctor()
    const { token, appointment } = await hold(doctor.id, startWithinNotice())
    const payment = await paymentOf(appointment.id)
    await webhook(completed(payment.id))
    // Patients cannot cancel that late online, nor claim to be the clinic.
    expect((await callApi(token, `/api/v1/appointments/${appointment.id}/cancel`, 'POST', {})).status).toBe(409)
    expect((await callApi(token, `/api/v1/appointments/${appointment.id}/cancel`, 'POST', { for_patient: true })).status).toBe(400)
    const admin = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    expect((await callApi(admin, `/api/v1/appointments/${appointment.id}/cancel`, 'POST', { reason: 'The patient called', for_patient: true })).status).toBe(200)
    // 50 % by default: €25.00 of €50.00, with its own refund receipt.
    expect(await paymentOf(appointment.id)).toMatchObject({ status: 'partially_refunded', refundedCents: 2500 })
    const [refund] = await testDb().select().from(schema.refunds).where(eq(schema.refunds.paymentId, payment.id))
    expect(refund).toMatchObject({ amountCents: 2500, status: 'succeeded' })
    expect(refund!.receiptNumber).toMatch(/^MC-\d{4}-\d{6}$/)

    // Before the notice, the patient's request is refunded in full.
    const early = await payingDoctor()
    const booked = await hold(early.doctor.id, early.start)
    await webhook(completed((await paymentOf(booked.appointment.id)).id))
    expect((await callApi(admin, `/api/v1/appointments/${booked.appointment.id}/cancel`, 'POST', { reason: 'The patient called', for_patient: true })).status).toBe(200)
    expect(await paymentOf(booked.appointment.id)).toMatchObject({ status: 'refunded', refundedCents: 5000 })
  })

  it('lets an admin refund by hand, in part, with a reason; never more than was paid', async () => {
    const { doctor, start } = await payingDoctor()
    const { appointment } = await hold(doctor.id, start)
    const payment = await paymentOf(appointment.id)
    const admin = await tokenFor(await createUser({ role: 'admin', adminRole: 'super' }))
    const refund = (body: unknown, token = admin) => callApi(token, `/api/v1/admin/payments/${payment.id}/refund`, 'POST', body)
    // Nothing was paid yet.
    expect((await refund({ reason: 'Goodwill' })).status).toBe(409)
    await webhook(completed(payment.id))
    expect((await refund({ amount_cents: 1000 })).status).toBe(400)
    const partial = await refund({ amount_cents: 1000, reason: 'The call started late' })
    expect(((await partial.json()) as { payment: { status: string; refunded_cents: number } }).payment).toMatchObject({ status: 'partially_refunded', refunded_cents: 1000 })
    expect((await refund({ amount_cents: 4001, reason: 'Too much' })).status).toBe(409)
    expect((await refund({ reason: 'The rest, as agreed' })).status).toBe(200)
    expect(await paymentOf(appointment.id)).toMatchObject({ status: 'refunded', refundedCents: 5000 })
    const [audit] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, payment.id), eq(schema.auditLog.action, 'admin.payment.refunded')))
    expect(audit!.metadata).toMatchObject({ amount_cents: 1000, reason: 'The call started late' })
    expect((await refund({ reason: 'Not theirs' }, await tokenFor(await createClinicAdmin()))).status).toBe(404)
    expect((await refund({ reason: 'Not allowed' }, await tokenFor(await createUser({ role: 'admin', adminRole: 'support' })))).status).toBe(403)
  })

  it('numbers receipts from one gap-free yearly sequence, even for 20 payments at once, and shows each to its patient only', async () => {
    const holds = []
    for (let i = 0; i < 20; i++) {
      const { doctor, start } = await payingDoctor()
      holds.push(await hold(doctor.id, start))
    }
    const payments = await Promise.all(holds.map(async (h) => paymentOf(h.appointment.id)))
    const answers = await Promise.all(payments.map((p) => webhook(completed(p.id))))
    expect(answers.every((a) => a.status === 200)).toBe(true)
    const numbers = await Promise.all(holds.map(async (h) => (await paymentOf(h.appointment.id)).invoiceNumber!))
    const year = new Date().getUTCFullYear()
    expect(numbers).toEqual(numbers.map(() => expect.stringMatching(new RegExp(`^MC-${year}-\\d{6}$`))))
    const sequence = numbers.map((n) => Number(n.slice(-6))).sort((a, b) => a - b)
    // Twenty numbers in a row: none shared, none skipped.
    expect(new Set(sequence).size).toBe(20)
    expect(sequence.at(-1)! - sequence[0]!).toBe(19)

    const first = holds[0]!
    const receipt = await fetchApp(`/payments/${payments[0]!.id}/receipt`, asBrowser(await cookieFor(first.patient)))
    expect(receipt.status).toBe(200)
    const html = await receipt.text()
    expect(html).toContain(`Receipt ${numbers[0]}`)
    expect(html).toContain('€50.00')
    expect(html).toContain('Pia Payer')
    expect((await fetchApp(`/payments/${payments[0]!.id}/receipt`, asBrowser(await cookieFor(holds[1]!.patient)))).status).toBe(404)
    const listed = (await (await callApi(first.token, '/api/v1/payments')).json()) as { items: { receipt: { number: string } }[] }
    expect(listed.items[0]!.receipt.number).toBe(numbers[0])

    // A refund gets the next number of the same sequence.
    expect((await callApi(first.token, `/api/v1/appointments/${first.appointment.id}/cancel`, 'POST', {})).status).toBe(200)
    const [refund] = await testDb().select().from(schema.refunds).where(eq(schema.refunds.paymentId, payments[0]!.id))
    expect(Number(refund!.receiptNumber!.slice(-6))).toBeGreaterThan(sequence.at(-1)!)
    expect(await (await fetchApp(`/payments/${payments[0]!.id}/receipt`, asBrowser(await cookieFor(first.patient)))).text()).toContain(`Refund receipt ${refund!.receiptNumber}`)
  })

  it('lists payments for admins, found by receipt number or patient, with a CSV; a clinic admin sees their clinic’s only', async () => {
    const { doctor, start } = await payingDoctor()
    const { appointment } = await hold(doctor.id, start)
    const payment = await paymentOf(appointment.id)
    await webhook(completed(payment.id))
    const number = (await paymentOf(appointment.id)).invoiceNumber!
    const admin = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const found = (await (await callApi(admin, `/api/v1/admin/payments?q=${number}`)).json()) as { items: { id: string; patient_name: string; status: string }[] }
    expect(found.items).toEqual([expect.objectContaining({ id: payment.id, patient_name: 'Pia Payer', status: 'succeeded' })])
    const csv = await (await callApi(admin, `/api/v1/admin/payments.csv?q=${number}`)).text()
    expect(csv.trimEnd().split('\r\n')).toHaveLength(2)
    expect(((await (await callApi(await tokenFor(await createClinicAdmin()), `/api/v1/admin/payments?q=${number}`)).json()) as { items: unknown[] }).items).toEqual([])
    const page = await (await fetchApp(`/admin/payments?q=${number}`, asBrowser(await cookieFor(await createUser({ role: 'admin', adminRole: 'super' }))))).text()
    expect(page).toContain('<caption>Payments</caption>')
    expect(page).toContain(`>${number}</a>`)
  })

  it('counts revenue net of refunds on the dashboard and in the revenue report, within the clinic rule', async () => {
    const clinic = await createClinic()
    const { doctor, start } = await payingDoctor(clinic.id)
    const { appointment } = await hold(doctor.id, start)
    const payment = await paymentOf(appointment.id)
    await webhook(completed(payment.id))
    await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'super' })), `/api/v1/admin/payments/${payment.id}/refund`, 'POST', { amount_cents: 1500, reason: 'Late start' })
    const admin = await tokenFor(await createClinicAdmin(clinic.id))
    const dashboard = (await (await callApi(admin, '/api/v1/admin/dashboard')).json()) as { revenue_30_days: unknown[] }
    expect(dashboard.revenue_30_days).toEqual([{ currency: 'EUR', net_cents: 3500 }])
    const report = (await (await callApi(admin, '/api/v1/admin/reports/revenue')).json()) as { rows: Record<string, unknown>[] }
    expect(report.rows).toEqual([expect.objectContaining({ currency: 'EUR', payments: 1, gross_cents: 5000, refunded_cents: 1500, net_cents: 3500 })])
  })

  it('keeps a doctor’s earnings: each payment, the commission at its day’s rate, refunds and the commission they give back', async () => {
    const { doctor, doctorUser, start } = await payingDoctor()
    const { appointment } = await hold(doctor.id, start)
    const payment = await paymentOf(appointment.id)
    await webhook(completed(payment.id))
    expect((await paymentOf(appointment.id)).commissionCents).toBe(500)
    await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'super' })), `/api/v1/admin/payments/${payment.id}/refund`, 'POST', { amount_cents: 1000, reason: 'Late start' })
    const doctorToken = await tokenFor(doctorUser)
    const earnings = (await (await callApi(doctorToken, '/api/v1/doctor/earnings')).json()) as { entries: { kind: string; amount: number }[]; months: { gross: number; refunds: number; commission: number; net: number }[] }
    expect(earnings.entries.map((e) => [e.kind, e.amount]).sort()).toEqual([['commission', -500], ['commission_returned', 100], ['payment', 5000], ['refund', -1000]])
    expect(earnings.months).toEqual([expect.objectContaining({ gross: 5000, refunds: 1000, commission: 400, net: 3600 })])
    const page = await (await fetchApp('/doctor/earnings', asBrowser(await cookieFor(doctorUser)))).text()
    expect(page).toContain('<caption>Per month</caption>')
    expect(page).toContain('€36.00')
    expect((await callApi(await tokenFor(await createUser()), '/api/v1/doctor/earnings')).status).toBe(403)
  })

  it('takes no payment at all in production without Stripe keys: no booking, no local page, no webhook', async () => {
    const production = { ...env, APP_ENV: 'production' }
    const { doctor, start } = await payingDoctor()
    const token = await tokenFor(await createUser())
    const booked = await app.request('/api/v1/appointments', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json', 'cf-connecting-ip': '2001:db8::77' }, body: JSON.stringify({ doctor_id: doctor.id, start, type: 'video', reason: 'Check-up' }) }, production)
    expect(booked.status).toBe(503)
    expect(((await booked.json()) as { error: { code: string } }).error.code).toBe('payments_unavailable')
    const hook = await app.request('/api/v1/payments/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': 't=1,v1=00' }, body: '{}' }, production)
    expect(hook.status).toBe(503)
  })
})
