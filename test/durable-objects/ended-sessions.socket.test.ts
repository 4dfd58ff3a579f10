import { env } from 'cloudflare:workers'
import { runDurableObjectAlarm } from 'cloudflare:test'
import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../src/db/schema'
import { testDb } from '../helpers/db'
import { callApi, fetchApp, ORIGIN } from '../helpers/http'
import { tokenFor } from '../helpers/auth'
import { createUser } from '../helpers/factories'
import { chatPair, connectChat } from '../helpers/fixtures/chat'
import { callPair, connect as connectCall } from '../helpers/fixtures/calls'

// A socket is as good as the session that opened it: when the session ends (sign-out, "sign out
// other devices", a password reset, a deactivated account), the socket is closed with 4003,
// "signed out", which clients do not retry, and nothing it sends after is stored or relayed.
const SIGNED_OUT = 4003

const chatRoomStub = (conversationId: string) => env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(conversationId))
const storedMessages = (conversationId: string) => testDb().select().from(schema.messages).where(eq(schema.messages.conversationId, conversationId))

describe('sockets whose session has ended', () => {
  it('closes a chat socket with 4003 as soon as its person signs out, and keeps the others open', async () => {
    const { conversation, patientToken, doctorToken } = await chatPair()
    const patient = await connectChat(conversation.id, patientToken)
    const doctor = await connectChat(conversation.id, doctorToken)
    expect((await fetchApp('/api/v1/auth/logout', { method: 'POST', headers: { authorization: `Bearer ${patientToken}`, origin: ORIGIN } })).status).toBe(204)
    expect((await patient.closed).code).toBe(SIGNED_OUT)
    // The doctor's socket still works.
    doctor.send({ type: 'send', client_id: 'client-still-ok', body: 'Still here' })
    await doctor.next((f) => f.type === 'ack')
    doctor.close()
  })

  it('stores nothing a socket sends once its session has ended, and closes it', async () => {
    const { conversation, patient: patientUser, patientToken, doctorToken } = await chatPair()
    const patient = await connectChat(conversation.id, patientToken)
    const doctor = await connectChat(conversation.id, doctorToken)
    // Ended behind the room's back (no notice reaches it): the store itself refuses.
    await testDb().update(schema.sessions).set({ revokedAt: new Date(), revokedReason: 'test' }).where(eq(schema.sessions.userId, patientUser.id))
    patient.send({ type: 'send', client_id: 'client-too-late', body: 'After the end' })
    expect((await patient.closed).code).toBe(SIGNED_OUT)
    expect(await storedMessages(conversation.id)).toEqual([])
    expect(doctor.frames.some((f) => f.type === 'message')).toBe(false)
    doctor.close()
  })

  it('closes the sockets of a deactivated account at the room’s next check, which runs while sockets are open', async () => {
    const { conversation, patient: patientUser, patientToken } = await chatPair()
    const patient = await connectChat(conversation.id, patientToken)
    await testDb().update(schema.users).set({ status: 'deactivated' }).where(eq(schema.users.id, patientUser.id))
    // The check is the room's alarm (every few seconds while a socket is open); run it now.
    expect(await runDurableObjectAlarm(chatRoomStub(conversation.id))).toBe(true)
    expect((await patient.closed).code).toBe(SIGNED_OUT)
  })

  it('closes a doctor’s chat socket once the doctor is no longer verified, with the reason, and keeps the patient’s', async () => {
    const { conversation, doctorUser, patientToken, doctorToken } = await chatPair()
    const patient = await connectChat(conversation.id, patientToken)
    const doctor = await connectChat(conversation.id, doctorToken)
    await testDb().update(schema.doctors).set({ status: 'rejected' }).where(eq(schema.doctors.userId, doctorUser.id))
    expect(await runDurableObjectAlarm(chatRoomStub(conversation.id))).toBe(true)
    expect(await doctor.closed).toMatchObject({ code: SIGNED_OUT, reason: 'Access ended' })
    patient.send({ type: 'send', client_id: 'client-patient-stays', body: 'Still here' })
    await patient.next((f) => f.type === 'ack')
    patient.close()
  })

  it('closes a support agent’s socket once they are no longer in support, and not the person they help', async () => {
    const user = await createUser()
    const userToken = await tokenFor(user)
    const { conversation } = (await (await callApi(userToken, '/api/v1/conversations', 'POST', { kind: 'support' })).json()) as { conversation: { id: string } }
    const agentUser = await createUser({ role: 'admin', adminRole: 'support' })
    const asker = await connectChat(conversation.id, userToken)
    const agent = await connectChat(conversation.id, await tokenFor(agentUser))
    await testDb().update(schema.users).set({ adminRole: 'clinic' }).where(eq(schema.users.id, agentUser.id))
    expect(await runDurableObjectAlarm(chatRoomStub(conversation.id))).toBe(true)
    expect(await agent.closed).toMatchObject({ code: SIGNED_OUT, reason: 'Access ended' })
    asker.send({ type: 'send', client_id: 'client-asker-stays', body: 'Hello?' })
    await asker.next((f) => f.type === 'ack')
    asker.close()
  })

  it('closes the call socket of a person who signed out everywhere else, and tells the other side', async () => {
    const { appointment, patient: patientUser, patientToken, doctorToken } = await callPair()
    const patient = await connectCall(appointment.id, patientToken)
    const doctor = await connectCall(appointment.id, doctorToken)
    await patient.next((f) => f.type === 'peer_joined')
    // The patient, on another device, signs out every other device.
    const elsewhere = await tokenFor(patientUser)
    expect((await callApi(elsewhere, '/api/v1/auth/sessions/revoke-others', 'POST')).status).toBeLessThan(300)
    expect((await patient.closed).code).toBe(SIGNED_OUT)
    await doctor.next((f) => f.type === 'peer_left')
    doctor.close()
  })
})
