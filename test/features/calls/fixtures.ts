import { env } from 'cloudflare:workers'
import { eq } from 'drizzle-orm'
import { expect } from 'vitest'
import * as schema from '../../../src/db/schema'
import { tokenFor } from '../../helpers/auth'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { fetchApp } from '../../helpers/http'

export type Frame = { type: string; [key: string]: unknown }

// A test client on the call socket: every frame it received, a way to wait for one, and its close.
export class Client {
  readonly frames: Frame[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = []
  constructor(readonly socket: WebSocket) {
    socket.accept()
    socket.addEventListener('message', (event) => {
      const frame = JSON.parse(event.data as string) as Frame
      this.frames.push(frame)
      this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true))
    })
    this.closed = new Promise((resolve) => socket.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })))
  }
  send(frame: Frame) {
    this.socket.send(JSON.stringify(frame))
  }
  // Resolves with the first frame (already received or still to come) that matches.
  next(match: (f: Frame) => boolean): Promise<Frame> {
    const seen = this.frames.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve) => this.waiters.push({ match, resolve }))
  }
  // Waits for the nth frame of a type (1-based), for frames that come more than once.
  nth(type: string, n: number): Promise<Frame> {
    const count = () => this.frames.filter((f) => f.type === type).length
    if (count() >= n) return Promise.resolve(this.frames.filter((f) => f.type === type)[n - 1]!)
    return new Promise((resolve) => this.waiters.push({ match: (f) => f.type === type && count() >= n, resolve }))
  }
  close() {
    this.socket.close(1000)
  }
}

export const upgrade = (path: string, init: { token?: string; cookie?: string; origin?: string } = {}) =>
  fetchApp(path, {
    headers: {
      upgrade: 'websocket',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.origin ? { origin: init.origin } : {}),
    },
  })

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
