import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import * as schema from '../../../src/db/schema'
import { tokenFor } from '../../helpers/auth'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'

import { Client, upgrade, type Frame } from '../../helpers/websocket'

export { Client, upgrade, type Frame }

export const callPath = (appointmentId: string) => `/api/v1/appointments/${appointmentId}/call`

export async function connect(appointmentId: string, token: string) {
  const res = await upgrade(callPath(appointmentId), { token })
  expect(res.status).toBe(101)
  const client = new Client(res.webSocket!)
  await client.next((f) => f.type === 'ready')
  return client
}

// A patient and a doctor with a confirmed video appointment whose call is open: it starts in
// five minutes (the room opens fifteen minutes before) unless the test says otherwise.
export async function callPair(overrides: Partial<typeof schema.appointments.$inferInsert> = {}) {
  const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Call' })
  const patient = await createUser({ name: 'Pat Call' })
  const appointment = await createAppointment(doctor.id, patient.id, { startAt: new Date(Date.now() + 5 * 60_000), ...overrides })
  return { doctor, doctorUser, patient, appointment, patientToken: await tokenFor(patient), doctorToken: await tokenFor(doctorUser) }
}

export function callRoomStub(appointmentId: string) {
  return env.CALL_ROOM.get(env.CALL_ROOM.idFromName(appointmentId))
}

export async function callEvents(appointmentId: string) {
  const rows = await testDb()
    .select()
    .from(schema.appointmentEvents)
    .where(eq(schema.appointmentEvents.appointmentId, appointmentId))
  return rows.filter((r) => r.kind === 'call_joined' || r.kind === 'call_left').map((r) => ({ kind: r.kind, actor: r.actorUserId, data: r.data }))
}

// Polls a condition until it holds (a socket's close reaches the room after the client's close
// returns); fails after `timeoutMs` instead of hoping a fixed pause was long enough.
export async function waitFor<T>(read: () => Promise<T>, until: (value: T) => boolean, timeoutMs = 5000): Promise<T> {
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const value = await read()
    if (until(value)) return value
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms: ${JSON.stringify(value)}`)
    await new Promise((r) => setTimeout(r, 25))
  }
}
