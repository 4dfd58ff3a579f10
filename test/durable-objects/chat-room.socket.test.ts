import { env } from 'cloudflare:workers'
import { evictDurableObject } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../src/db/schema'
import { testDb } from '../helpers/db'
import { createUser } from '../helpers/factories'
import { callApi, fetchApp, ORIGIN } from '../helpers/http'
import { cookieFor, tokenFor } from '../helpers/auth'
import { chatPair, connectChat } from '../helpers/fixtures/chat'
import { upgrade, type Frame } from '../helpers/websocket'

const connect = connectChat

const isAck = (clientId: string) => (f: Frame) => f.type === 'ack' && f.client_id === clientId
const isMessage = (body: string) => (f: Frame) => f.type === 'message' && (f.message as { body: string }).body === body

describe('the chat room WebSocket', () => {
  it('authorises the upgrade like any route: 401, 404, 426, and the origin check for cookies', async () => {
    const { conversation, patient } = await chatPair()
    const path = `/api/v1/conversations/${conversation.id}/ws`
    expect((await upgrade(path)).status).toBe(401)
    expect((await upgrade(path, { token: await tokenFor(await createUser()) })).status).toBe(404)
    expect((await upgrade('/api/v1/conversations/cnv_nope/ws', { token: await tokenFor(patient) })).status).toBe(404)
    expect((await fetchApp(path, { headers: { authorization: `Bearer ${await tokenFor(patient)}` } })).status).toBe(426)
    const cookie = await cookieFor(patient)
    expect((await upgrade(path, { cookie, origin: 'https://evil.example' })).status).toBe(403)
    expect((await upgrade(path, { cookie })).status).toBe(403)
    const ok = await upgrade(path, { cookie, origin: ORIGIN })
    expect(ok.status).toBe(101)
    ok.webSocket!.accept()
    ok.webSocket!.close(1000)
  })

  it('stores a message before acknowledging it, and delivers it to the other side', async () => {
    const { conversation, patientToken, doctorToken } = await chatPair()
    const patient = await connect(conversation.id, patientToken)
    const doctor = await connect(conversation.id, doctorToken)
    patient.send({ type: 'send', client_id: 'client-000001', body: 'Is fasting needed?' })
    const ack = await patient.next(isAck('client-000001'))
    const stored = await testDb().select().from(schema.messages).where(eq(schema.messages.conversationId, conversation.id))
    expect(stored).toHaveLength(1)
    expect((ack.message as { id: string }).id).toBe(stored[0]!.id)
    const delivered = await doctor.next(isMessage('Is fasting needed?'))
    expect(delivered.message).toEqual(ack.message)
    // The sender's socket gets the ack, not a second copy.
    expect(patient.frames.some(isMessage('Is fasting needed?'))).toBe(false)
    patient.close()
    doctor.close()
  })

  it('acknowledges a resent client id with the stored message instead of storing it twice', async () => {
    const { conversation, patientToken, doctorToken } = await chatPair()
    const doctor = await connect(conversation.id, doctorToken)
    const first = await connect(conversation.id, patientToken)
    first.send({ type: 'send', client_id: 'resend-000001', body: 'Sent on a shaky line' })
    const ack1 = await first.next(isAck('resend-000001'))
    first.close()
    // The connection dropped before the client saw the ack; it reconnects and sends again.
    const second = await connect(conversation.id, patientToken)
    second.send({ type: 'send', client_id: 'resend-000001', body: 'Sent on a shaky line' })
    const ack2 = await second.next(isAck('resend-000001'))
    expect(ack2.message).toEqual(ack1.message)
    expect(await testDb().select().from(schema.messages).where(eq(schema.messages.conversationId, conversation.id))).toHaveLength(1)
    // The other side was shown it once. A later message proves the resend's frame would have arrived by now.
    second.send({ type: 'send', client_id: 'resend-000002', body: 'And another' })
    await doctor.next(isMessage('And another'))
    expect(doctor.frames.filter(isMessage('Sent on a shaky line'))).toHaveLength(1)
    second.close()
    doctor.close()
  })

  it('keeps the room’s order across sockets and the HTTP fallback, and catches a reconnecting client up', async () => {
    const { conversation, patientToken, doctorToken } = await chatPair()
    const patient = await connect(conversation.id, patientToken)
    const doctor = await connect(conversation.id, doctorToken)
    for (let i = 0; i < 10; i++) (i % 2 ? doctor : patient).send({ type: 'send', client_id: `order-${String(i).padStart(6, '0')}`, body: `n${i}` })
    expect((await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages`, 'POST', { client_id: 'http-000001', body: 'by form' })).status).toBe(201)
    // The form's message reaches the live sockets too.
    await doctor.next(isMessage('by form'))
    for (let i = 0; i < 10; i++) await (i % 2 ? doctor : patient).next(isAck(`order-${String(i).padStart(6, '0')}`))

    const late = await connect(conversation.id, doctorToken)
    late.send({ type: 'sync', after: 0 })
    const sync = await late.next((f) => f.type === 'messages')
    const seqs = (sync.messages as { seq: number }[]).map((m) => m.seq)
    expect(seqs).toEqual(Array.from({ length: 11 }, (_, i) => i + 1))
    expect(sync.more).toBe(false)
    for (const c of [patient, doctor, late]) c.close()
  })

  it('relays typing and read receipts to the other person only, and refuses bad frames without closing', async () => {
    const { conversation, patientToken, doctorToken } = await chatPair()
    const patient = await connect(conversation.id, patientToken)
    const doctor = await connect(conversation.id, doctorToken)
    patient.send({ type: 'typing' })
    expect((await doctor.next((f) => f.type === 'typing')).user).toMatchObject({ name: 'Pat Chat' })
    patient.send({ type: 'send', client_id: 'read-0000001', body: 'hi' })
    await doctor.next(isMessage('hi'))
    doctor.send({ type: 'read', seq: 1 })
    expect(await patient.next((f) => f.type === 'read')).toMatchObject({ seq: 1 })

    patient.send({ type: 'send', client_id: 'bad-0000001', body: '' })
    expect(await patient.next((f) => f.type === 'error')).toMatchObject({ code: 'validation_failed', client_id: 'bad-0000001' })
    patient.socket.send('not json')
    await patient.next((f) => f.type === 'error' && f.code === 'bad_frame')
    patient.send({ type: 'send', client_id: 'after-000001', body: 'still here' })
    await patient.next(isAck('after-000001'))
    expect(patient.frames.some((f) => f.type === 'typing')).toBe(false)
    patient.close()
    doctor.close()
  })

  it('still knows who is in the room after it hibernates', async () => {
    const { conversation, patientToken, doctorToken, patient: patientUser, doctorUser } = await chatPair()
    const patient = await connect(conversation.id, patientToken)
    const doctor = await connect(conversation.id, doctorToken)
    await patient.next((f) => f.type === 'presence' && (f.online as string[]).length === 2)

    await evictDurableObject(env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(conversation.id)))

    // The woken object has no fields left: the members come from the sockets' attachments.
    doctor.send({ type: 'send', client_id: 'woke-0000001', body: 'after a nap' })
    const delivered = await patient.next(isMessage('after a nap'))
    expect((delivered.message as { sender: { id: string } }).sender.id).toBe(doctorUser.id)
    const third = await connect(conversation.id, patientToken)
    const ready = third.frames.find((f) => f.type === 'ready')!
    expect(new Set(ready.online as string[])).toEqual(new Set([patientUser.id, doctorUser.id]))
    for (const c of [patient, doctor, third]) c.close()
  })

  it('logs a support agent joining someone’s conversation as a read of it', async () => {
    const user = await createUser()
    const opened = await callApi(await tokenFor(user), '/api/v1/conversations', 'POST', { kind: 'support' })
    const { conversation } = (await opened.json()) as { conversation: { id: string } }
    const agent = await connect(conversation.id, await tokenFor(await createUser({ role: 'admin', adminRole: 'support' })))
    const reads = () => testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, conversation.id), eq(schema.auditLog.action, 'conversation.read')))
    await expect.poll(async () => (await reads()).length).toBe(1)
    expect((await reads())[0]).toMatchObject({ subjectUserId: user.id, actorRole: 'admin' })
    agent.close()
  })
})
