import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import * as schema from '../../src/db/schema'
import { webhookSecret } from '../../src/core/stripe'
import { stripeSignatureHeader } from '../../src/lib/webhook-signature'
import { testDb } from './db'
import { createAvailability, createDoctor, createUser } from './factories'
import { callApi, fetchApp } from './http'
import { tokenFor } from './auth'

export type Booked = { appointment: { id: string; status: string; payment_due: { by: string; checkout_url: string } | null } }
export const DAY = 86_400_000

// A doctor who charges up front (€50, €20 for chat), open every day 09:00–12:00 UTC, and a time
// of theirs far enough ahead that no other test books it.
export async function payingDoctor(clinicId?: string) {
  const { doctor, user } = await createDoctor({ chargeUpFront: true, feeCents: 5000, currency: 'EUR', clinicId }, { name: 'Dr. Up Front' })
  await createAvailability(doctor.id, { timezone: 'UTC' })
  await testDb().insert(schema.doctorConsultationTypes).values([
    { doctorId: doctor.id, type: 'video', durationMinutes: 30 },
    { doctorId: doctor.id, type: 'chat', durationMinutes: 30, feeCents: 2000 },
  ])
  const day = new Date(Date.now() + (10 + Math.floor(Math.random() * 40)) * DAY).toISOString().slice(0, 10)
  return { doctor, doctorUser: user, start: `${day}T${String(9 + Math.floor(Math.random() * 3)).padStart(2, '0')}:00:00Z` }
}

export async function hold(doctorId: string, start: string, type: 'video' | 'chat' = 'video') {
  const patient = await createUser({ name: 'Pia Payer' })
  const token = await tokenFor(patient)
  const res = await callApi(token, '/api/v1/appointments', 'POST', { doctor_id: doctorId, start, type, reason: 'Check-up' })
  expect(res.status).toBe(201)
  const { appointment } = (await res.json()) as Booked
  return { patient, token, appointment }
}

export const paymentOf = async (appointmentId: string) => (await testDb().select().from(schema.payments).where(eq(schema.payments.appointmentId, appointmentId)))[0]!
export const appointmentRow = async (id: string) => (await testDb().select().from(schema.appointments).where(eq(schema.appointments.id, id)))[0]!

// A webhook as Stripe sends it: the event, signed with the endpoint secret at `at`.
export async function webhook(event: Record<string, unknown>, at = new Date(), secret?: string) {
  const body = JSON.stringify({ object: 'event', livemode: false, created: Math.floor(at.getTime() / 1000), ...event })
  const signature = await stripeSignatureHeader(secret ?? (await webhookSecret(env))!, body, at)
  return fetchApp('/api/v1/payments/webhook', { method: 'POST', headers: { 'content-type': 'application/json', 'stripe-signature': signature }, body })
}
export const completed = (paymentId: string, id = `evt_${crypto.randomUUID()}`) => ({
  id,
  type: 'checkout.session.completed',
  data: { object: { id: `cs_test_${paymentId}`, object: 'checkout.session', client_reference_id: paymentId, payment_status: 'paid', payment_intent: `pi_test_${paymentId}` } },
})

/** A start within the next 24 hours (inside the default cancellation notice) in a paying doctor's 09:00–12:00 UTC hours. */
export function startWithinNotice(now = Date.now()) {
  const day = new Date(now)
  day.setUTCHours(0, 0, 0, 0)
  for (const offset of [0, 1]) {
    for (let minute = 9 * 60; minute < 12 * 60; minute += 30) {
      const at = day.getTime() + offset * 86_400_000 + minute * 60_000
      if (at > now + 10 * 60_000 && at - now < 23 * 3_600_000) return new Date(at).toISOString().replace('.000Z', 'Z')
    }
  }
  throw new Error('no start within the notice')
}
