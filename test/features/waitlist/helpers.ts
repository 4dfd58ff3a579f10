import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createAvailability, createDoctor, createUser } from '../../helpers/factories'
import { callApi } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

// A doctor with one 30-minute slot a day (09:00 UTC), ten days from now, already booked: a
// patient waiting for that day is offered it only when it frees.
export const DAY = new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10)
export const SLOT = `${DAY}T09:00:00Z`

export async function fullyBookedDoctor() {
  const { doctor, user: doctorUser } = await createDoctor()
  await createAvailability(doctor.id, { startMinute: 9 * 60, endMinute: 9 * 60 + 30 })
  const holder = await createUser({ role: 'patient', name: 'Holder Patient' })
  const booked = await createAppointment(doctor.id, holder.id, { startAt: new Date(SLOT) })
  return { doctor, doctorUser, holder, holderToken: await tokenFor(holder), booked }
}

export async function waitingPatient(doctorId: string, name = 'Wendy Waiting') {
  const patient = await createUser({ role: 'patient', name })
  const token = await tokenFor(patient)
  const res = await callApi(token, '/api/v1/waitlist', 'POST', { doctor_id: doctorId, from: DAY, to: DAY, type: 'video', reason: 'Recurring headaches', timezone: 'UTC' })
  if (res.status !== 201) throw new Error(`joining failed: ${res.status} ${await res.text()}`)
  const { entry } = (await res.json()) as { entry: { id: string } }
  return { patient, token, entryId: entry.id }
}

/** The one-tap link of the latest offer emailed to this address (its path). */
export async function offerLinkFor(email: string) {
  const emails = await testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, email), eq(schema.emailOutbox.tag, 'waitlist-offer')))
  const links = emails.map((e) => /\/offers\/[A-Za-z0-9_.-]+/.exec(e.textBody)?.[0]).filter((l): l is string => Boolean(l))
  return { count: links.length, link: links.at(-1) }
}

export const liveAppointmentsAt = (doctorId: string, start: string) =>
  testDb()
    .select({ id: schema.appointments.id, patientId: schema.appointments.patientId })
    .from(schema.appointments)
    .where(and(eq(schema.appointments.doctorId, doctorId), eq(schema.appointments.startAt, new Date(start)), eq(schema.appointments.status, 'confirmed')))

/**
 * An offer's hold runs out now (as if its minutes had passed), so the sweep can be run at the real
 * clock: a sweep at a later instant would expire other tests' offers too (they share the database).
 */
export async function runOutOffers(where: { id?: string; requestId?: string }) {
  const condition = where.id ? eq(schema.slotOffers.id, where.id) : eq(schema.slotOffers.requestId, where.requestId!)
  await testDb().update(schema.slotOffers).set({ expiresAt: new Date(Date.now() - 1000) }).where(and(condition, eq(schema.slotOffers.status, 'open')))
}
