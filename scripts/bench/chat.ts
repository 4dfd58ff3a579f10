// Issue 5: the chat under load, through the real upgrade route and ChatRoom objects. One room of
// 200 sockets (an appointment's patient and doctor, 100 tabs each) and 200 rooms of two; every
// socket sends a few messages, paced under the room's per-socket frame limit. Reported, never
// asserted: ack and delivery latency, whether every receiving socket got each stored message
// exactly once, and whether the database holds each room's messages as seq 1..n.
import { existsSync } from 'node:fs'
import { dirname, join } from 'node:path'
import { createClient } from '@libsql/client'
import { inArray } from 'drizzle-orm'
import { drizzle } from 'drizzle-orm/libsql'
import * as schema from '../../src/db/schema'
import { idleMinutesFor, SESSION_ABSOLUTE_HOURS } from '../../src/features/auth/session-policy'
import { settingsFrom } from '../../src/core/settings'
import { signSessionToken } from '../../src/features/auth/session-token'
import { newId } from '../../src/lib/ids'
import { localSecrets } from '../lib/local-secrets'
import type { LocalStack } from '../lib/stack'

type Scenario = { name: string; rooms: number; socketsPerParty: number; messagesPerSocket: number; intervalMs: number }

// Each socket sends one message per interval, far under the room's 30 frames per 10 s. The rates
// stay below where a 2-core machine saturates (one room fanning 40 msg/s out to 199 sockets,
// 8,000 frames/s, queues for seconds), so the percentiles measure latency, not a backlog.
const SCENARIOS: Scenario[] = [
  { name: '1 room × 200 sockets', rooms: 1, socketsPerParty: 100, messagesPerSocket: 3, intervalMs: 10_000 },
  { name: '200 rooms × 2 sockets', rooms: 200, socketsPerParty: 1, messagesPerSocket: 5, intervalMs: 2_000 },
]
const CONNECT_CONCURRENCY = 20
const CONNECT_TIMEOUT_MS = 15_000
// Deliveries still missing after this long without a new one are counted as lost.
const DRAIN_QUIET_MS = 5_000

type BenchDb = ReturnType<typeof openDb>
type Room = { conversationId: string; parties: { userId: string; token: string }[] }
type Message = { id: string; conversation_id: string; seq: number; client_id: string }
type Frame = { type: string; client_id?: string; message?: Message; code?: string }
type Sent = { at: number; socket: Sock; acked?: Message; error?: string }
type Sock = { ws: WebSocket; room: number; received: Map<string, number>; lastSeq: number; closedByUs: boolean; dropped: boolean }

// Node 22's WebSocket (undici) takes request headers; the Workers and DOM typings in scope do not say so.
const NodeWebSocket = globalThis.WebSocket as unknown as new (url: string, init: { headers: Record<string, string> }) => WebSocket

const openDb = (url: string) => drizzle(createClient({ url }), { schema, casing: 'snake_case' })
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

export async function chatLoad(stack: LocalStack) {
  if (typeof globalThis.WebSocket !== 'function') throw new Error('the chat benchmark needs Node 22 (a global WebSocket)')
  // startLocalStack keeps the secrets wrangler dev runs with beside the database.
  const secretsFile = join(dirname(stack.databasePath), 'secrets.env')
  if (!existsSync(secretsFile)) throw new Error(`no local secrets at ${secretsFile}`)
  const secret = localSecrets(secretsFile).SESSION_SECRET
  const db = openDb(stack.database.url)
  const wsUrl = (id: string) => `${stack.appUrl.replace(/^http/, 'ws')}/api/v1/conversations/${id}/ws`
  const table: Record<string, Record<string, string | number>> = {}
  try {
    for (const scenario of SCENARIOS) {
      const rooms = await createRooms(db, secret, scenario.rooms)
      const result = await runScenario(db, scenario, rooms, wsUrl)
      for (const [metric, value] of Object.entries(result)) (table[metric] ??= {})[scenario.name] = value
    }
  } finally {
    db.$client.close()
  }
  return table
}

// Users, doctors, confirmed chat appointments, their conversations and participants, and a
// session per party, written in one batch: signing in would cost an Argon2 hash per user.
async function createRooms(db: BenchDb, secret: string, count: number): Promise<Room[]> {
  const [specialty] = await db.select({ id: schema.specialties.id }).from(schema.specialties).limit(1)
  if (!specialty) throw new Error('the chat benchmark needs the seeded specialties')
  const now = new Date()
  const run = newId('r').slice(2, 10)
  const session = (userId: string, role: 'patient' | 'doctor') => ({
    id: newId('ses'),
    userId,
    userAgent: 'chat benchmark',
    ip: null,
    createdAt: now,
    lastSeenAt: now,
    idleExpiresAt: new Date(now.getTime() + idleMinutesFor(role, settingsFrom({})) * 60_000),
    expiresAt: new Date(now.getTime() + SESSION_ABSOLUTE_HOURS * 3_600_000),
  })
  const rows = Array.from({ length: count }, (_, i) => {
    const patient = { id: newId('usr'), email: `chat-${run}-p${i}@bench.test`, name: `Bench Patient ${i}`, role: 'patient' as const, emailVerifiedAt: now }
    const doctorUser = { id: newId('usr'), email: `chat-${run}-d${i}@bench.test`, name: `Dr. Bench ${i}`, role: 'doctor' as const, emailVerifiedAt: now }
    const doctor = { id: newId('doc'), userId: doctorUser.id, licenseNumber: `BENCH-${run}-${i}`, specialtyId: specialty.id, status: 'verified' as const, verifiedAt: now }
    const startAt = new Date(now.getTime() + 3_600_000)
    const appointment = { id: newId('apt'), patientId: patient.id, doctorId: doctor.id, startAt, endAt: new Date(startAt.getTime() + 1_800_000), type: 'chat' as const, reason: 'Chat benchmark', status: 'confirmed' as const }
    const conversation = { id: newId('cnv'), kind: 'appointment' as const, appointmentId: appointment.id, subjectUserId: patient.id, createdAt: now }
    return { patient, doctorUser, doctor, appointment, conversation, sessions: [session(patient.id, 'patient'), session(doctorUser.id, 'doctor')] }
  })
  await db.batch([
    db.insert(schema.users).values(rows.flatMap((r) => [r.patient, r.doctorUser])),
    db.insert(schema.doctors).values(rows.map((r) => r.doctor)),
    db.insert(schema.appointments).values(rows.map((r) => r.appointment)),
    db.insert(schema.conversations).values(rows.map((r) => r.conversation)),
    db.insert(schema.conversationParticipants).values(
      rows.flatMap((r) => [r.patient, r.doctorUser].map((u) => ({ conversationId: r.conversation.id, userId: u.id, joinedAt: now }))),
    ),
    db.insert(schema.sessions).values(rows.flatMap((r) => r.sessions)),
  ])
  return Promise.all(
    rows.map(async (r) => ({
      conversationId: r.conversation.id,
      parties: await Promise.all(r.sessions.map(async (s) => ({ userId: s.userId, token: await signSessionToken(secret, s) }))),
    })),
  )
}

// Every frame a socket receives, tallied: acks and deliveries matched to the send by client_id.
class Tally {
  readonly sent = new Map<string, Sent>()
  readonly ackMs: number[] = []
  readonly deliveryMs: number[] = []
  readonly errors = new Map<string, number>()
  firstDeliveries = 0
  duplicateAcks = 0
  echoes = 0
  outOfOrder = 0

  onFrame(sock: Sock, frame: Frame) {
    const now = performance.now()
    if (frame.type === 'ack' && frame.client_id && frame.message) {
      const s = this.sent.get(frame.client_id)
      if (s?.acked) this.duplicateAcks++
      else if (s) {
        s.acked = frame.message
        this.ackMs.push(now - s.at)
      }
    } else if (frame.type === 'message' && frame.message) {
      const m = frame.message
      const times = (sock.received.get(m.id) ?? 0) + 1
      sock.received.set(m.id, times)
      if (m.seq < sock.lastSeq) this.outOfOrder++
      sock.lastSeq = Math.max(sock.lastSeq, m.seq)
      const s = this.sent.get(m.client_id)
      // The sending socket has its ack; a `message` frame there too would be shown twice.
      if (s?.socket === sock) this.echoes++
      else if (s && times === 1) {
        this.firstDeliveries++
        this.deliveryMs.push(now - s.at)
      }
    } else if (frame.type === 'error') {
      const code = frame.code ?? 'unknown'
      this.errors.set(code, (this.errors.get(code) ?? 0) + 1)
      const s = frame.client_id ? this.sent.get(frame.client_id) : undefined
      if (s) s.error = code
    }
  }

  // Acknowledged message ids, grouped by room or by sending socket.
  ackedBy<K>(key: (s: Sent) => K) {
    const groups = new Map<K, Set<string>>()
    for (const s of this.sent.values()) {
      if (!s.acked) continue
      const ids = groups.get(key(s)) ?? new Set<string>()
      groups.set(key(s), ids.add(s.acked.id))
    }
    return groups
  }
}

async function runScenario(db: BenchDb, scenario: Scenario, rooms: Room[], wsUrl: (id: string) => string) {
  const started = performance.now()
  const tally = new Tally()
  const plan = rooms.flatMap((room, r) =>
    room.parties.flatMap((party) => Array.from({ length: scenario.socketsPerParty }, () => ({ url: wsUrl(room.conversationId), token: party.token, room: r }))),
  )
  const { socks, connectMs } = await connectAll(plan, (sock, frame) => tally.onFrame(sock, frame))

  // Each socket sends its messages one interval apart, the sockets spread evenly over the interval.
  const sendStarted = performance.now()
  await Promise.all(
    socks.map(async (sock, i) => {
      await sleep((i / socks.length) * scenario.intervalMs)
      for (let k = 0; k < scenario.messagesPerSocket; k++) {
        if (k > 0) await sleep(scenario.intervalMs)
        if (sock.ws.readyState !== WebSocket.OPEN) continue
        const clientId = `bench-${i}-${k}-${newId('c').slice(2, 10)}`
        tally.sent.set(clientId, { at: performance.now(), socket: sock })
        sock.ws.send(JSON.stringify({ type: 'send', client_id: clientId, body: `Load test message ${k + 1} of ${scenario.messagesPerSocket} from socket ${i}.` }))
      }
    }),
  )
  const sendSeconds = (performance.now() - sendStarted) / 1000

  // Wait until every send is answered and every expected delivery arrived, or nothing more comes.
  const socketsInRoom = new Map<number, number>()
  for (const sock of socks) socketsInRoom.set(sock.room, (socketsInRoom.get(sock.room) ?? 0) + 1)
  const sent = () => [...tally.sent.values()]
  const expectedDeliveries = () => sent().reduce((n, s) => n + (s.acked ? socketsInRoom.get(s.socket.room)! - 1 : 0), 0)
  const unanswered = () => sent().filter((s) => !s.acked && !s.error).length
  let progress = -1
  let quietSince = performance.now()
  while (unanswered() > 0 || tally.firstDeliveries < expectedDeliveries()) {
    const now = performance.now()
    if (tally.firstDeliveries + tally.ackMs.length !== progress) {
      progress = tally.firstDeliveries + tally.ackMs.length
      quietSince = now
    } else if (now - quietSince > DRAIN_QUIET_MS) break
    await sleep(100)
  }

  // Per receiving socket: each acknowledged message of its room, but its own, exactly once.
  const ackedByRoom = tally.ackedBy((s) => s.socket.room)
  const ackedBySocket = tally.ackedBy((s) => s.socket)
  let lost = 0
  let duplicated = 0
  let unexpected = 0
  for (const sock of socks) {
    const expected = ackedByRoom.get(sock.room) ?? new Set<string>()
    const own = ackedBySocket.get(sock) ?? new Set<string>()
    for (const id of expected) if (!own.has(id) && !sock.received.has(id)) lost++
    for (const [id, times] of sock.received) {
      duplicated += times - 1
      if (!expected.has(id)) unexpected++
    }
  }

  const closed = await closeAll(socks)
  const stored = await checkStored(db, rooms, ackedByRoom)
  const ms = (values: number[], p: number) => percentile(values, p).toFixed(0)
  return {
    sockets: `${socks.length} of ${plan.length}`,
    'connect failures': plan.length - socks.length,
    'connect p50 / p95 ms': `${ms(connectMs, 50)} / ${ms(connectMs, 95)}`,
    'messages sent': tally.sent.size,
    'send rate (msg/s)': (tally.sent.size / sendSeconds).toFixed(0),
    acked: tally.ackMs.length,
    'error frames': tally.errors.size ? [...tally.errors].map(([code, n]) => `${code}: ${n}`).join(', ') : 0,
    'ack p50 / p95 / p99 / max ms': [50, 95, 99, 100].map((p) => ms(tally.ackMs, p)).join(' / '),
    'deliveries expected': expectedDeliveries(),
    'deliveries received': tally.firstDeliveries,
    lost,
    'duplicated (deliveries, acks)': `${duplicated}, ${tally.duplicateAcks}`,
    'echoed to the sending socket': tally.echoes,
    'received but never acked': unexpected,
    'received out of seq order': tally.outOfOrder,
    'delivery p50 ms': ms(tally.deliveryMs, 50),
    'delivery p95 ms': ms(tally.deliveryMs, 95),
    'delivery p99 ms': ms(tally.deliveryMs, 99),
    'delivery max ms': ms(tally.deliveryMs, 100),
    'stored messages': stored.count,
    'rooms stored as seq 1..n = acks': `${stored.consistent} of ${rooms.length}`,
    'closed by the server': socks.filter((s) => s.dropped).length,
    'closed cleanly (1000)': `${closed} of ${socks.length}`,
    seconds: ((performance.now() - started) / 1000).toFixed(1),
  }
}

// A few upgrades at a time, as a burst of tabs would open; each counts once its `ready` arrives.
async function connectAll(plan: { url: string; token: string; room: number }[], onFrame: (sock: Sock, frame: Frame) => void) {
  const socks: Sock[] = []
  const connectMs: number[] = []
  let next = 0
  await Promise.all(
    Array.from({ length: CONNECT_CONCURRENCY }, async () => {
      while (next < plan.length) {
        const { url, token, room } = plan[next++]!
        const at = performance.now()
        const sock = await connect(url, token, room, onFrame)
        if (!sock) continue
        socks.push(sock)
        connectMs.push(performance.now() - at)
      }
    }),
  )
  return { socks, connectMs }
}

function connect(url: string, token: string, room: number, onFrame: (sock: Sock, frame: Frame) => void): Promise<Sock | undefined> {
  return new Promise((resolve) => {
    const ws = new NodeWebSocket(url, { headers: { authorization: `Bearer ${token}` } })
    const sock: Sock = { ws, room, received: new Map(), lastSeq: 0, closedByUs: false, dropped: false }
    let ready = false
    const fail = () => {
      clearTimeout(timer)
      if (ready) return
      resolve(undefined)
      ws.close()
    }
    const timer = setTimeout(fail, CONNECT_TIMEOUT_MS)
    ws.addEventListener('message', (event) => {
      const frame = JSON.parse(String(event.data)) as Frame
      if (frame.type !== 'ready' || ready) return onFrame(sock, frame)
      ready = true
      clearTimeout(timer)
      resolve(sock)
    })
    ws.addEventListener('error', fail)
    ws.addEventListener('close', () => {
      if (ready && !sock.closedByUs) sock.dropped = true
      fail()
    })
  })
}

// Closes every socket and counts those whose closing handshake the room completed.
async function closeAll(socks: Sock[]) {
  const closes = socks.map(
    (sock) =>
      new Promise<boolean>((resolve) => {
        if (sock.ws.readyState === WebSocket.CLOSED) return resolve(false)
        const timer = setTimeout(() => resolve(false), 5_000)
        sock.ws.addEventListener('close', (event) => {
          clearTimeout(timer)
          resolve(event.code === 1000)
        })
        sock.closedByUs = true
        sock.ws.close(1000)
      }),
  )
  return (await Promise.all(closes)).filter(Boolean).length
}

// Each room's stored messages are exactly its acknowledged ones, numbered 1..n without gaps.
async function checkStored(db: BenchDb, rooms: Room[], ackedByRoom: Map<number, Set<string>>) {
  const rows = await db
    .select({ id: schema.messages.id, conversationId: schema.messages.conversationId, seq: schema.messages.seq })
    .from(schema.messages)
    .where(inArray(schema.messages.conversationId, rooms.map((r) => r.conversationId)))
  let consistent = 0
  rooms.forEach((room, r) => {
    const stored = rows.filter((m) => m.conversationId === room.conversationId)
    const acked = ackedByRoom.get(r) ?? new Set<string>()
    const numbered = new Set(stored.map((m) => m.seq)).size === stored.length && stored.every((m) => m.seq >= 1 && m.seq <= stored.length)
    if (numbered && stored.length === acked.size && stored.every((m) => acked.has(m.id))) consistent++
  })
  return { count: rows.length, consistent }
}

// Nearest rank; p = 100 is the maximum.
function percentile(values: number[], p: number) {
  if (values.length === 0) return NaN
  const sorted = [...values].sort((a, b) => a - b)
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
}
