import { describe, expect, it } from 'vitest'
import { and, eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createDoctor, createUser } from '../../helpers/factories'
import { chatPair, type Conversation } from '../../helpers/fixtures/chat'
import { callApi } from '../../helpers/http'
import { tokenFor } from '../../helpers/auth'

type Message = { id: string; seq: number; client_id: string; body: string; sender: { id: string; name: string } }

const clientId = () => `c-${crypto.randomUUID()}`

const send = (token: string, conversationId: string, body: string, id = clientId()) => callApi(token, `/api/v1/conversations/${conversationId}/messages`, 'POST', { client_id: id, body })

describe('conversations', () => {
  it('opens one conversation per appointment for its patient and doctor, and 404 for anyone else', async () => {
    const { conversation, openStatus, doctorToken, appointment } = await chatPair()
    expect(openStatus).toBe(201)
    expect(conversation).toMatchObject({ kind: 'appointment', title: 'Dr. Chat', appointment: { id: appointment.id } })
    const again = await callApi(doctorToken, '/api/v1/conversations', 'POST', { appointment_id: appointment.id })
    expect(again.status).toBe(200)
    expect(((await again.json()) as { conversation: Conversation }).conversation).toMatchObject({ id: conversation.id, title: 'Pat Chat' })

    const stranger = await tokenFor(await createUser())
    expect((await callApi(stranger, '/api/v1/conversations', 'POST', { appointment_id: appointment.id })).status).toBe(404)
    expect((await callApi(stranger, `/api/v1/conversations/${conversation.id}`)).status).toBe(404)
    expect((await callApi(stranger, `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(404)
    expect((await send(stranger, conversation.id, 'let me in')).status).toBe(404)
    const { user: otherDoctor } = await createDoctor()
    expect((await callApi(await tokenFor(otherDoctor), `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(404)
  })

  it('gives each user one support conversation, answered by support agents and closed to clinic admins', async () => {
    const patient = await tokenFor(await createUser({ name: 'Needs Help' }))
    const opened = await callApi(patient, '/api/v1/conversations', 'POST', { kind: 'support' })
    expect(opened.status).toBe(201)
    const { conversation } = (await opened.json()) as { conversation: Conversation }
    expect(conversation.title).toBe('MediConnect support')
    expect((await callApi(patient, '/api/v1/conversations', 'POST', { kind: 'support' })).status).toBe(200)
    expect((await send(patient, conversation.id, 'My code does not arrive')).status).toBe(201)

    const agent = await tokenFor(await createUser({ role: 'admin', adminRole: 'support' }))
    const list = (await (await callApi(agent, '/api/v1/conversations')).json()) as { items: Conversation[] }
    expect(list.items.find((c) => c.id === conversation.id)).toMatchObject({ title: 'Support: Needs Help', unread_count: 1 })
    expect((await send(agent, conversation.id, 'Let us look at it together.')).status).toBe(201)
    // An agent reading someone's conversation is audit-logged; the person reading their own is not.
    expect((await callApi(agent, `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(200)
    expect((await callApi(patient, `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(200)
    const reads = () => testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, conversation.id), eq(schema.auditLog.action, 'conversation.read')))
    await expect.poll(async () => (await reads()).length).toBe(1)

    const clinic = await tokenFor(await createUser({ role: 'admin', adminRole: 'clinic' }))
    expect((await callApi(clinic, `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(404)
  })

  it('refuses bad input with the API error shape and stores nothing', async () => {
    const { conversation, patientToken } = await chatPair()
    for (const body of [{}, { appointment_id: 'apt_x', kind: 'support' }, { kind: 'other' }]) {
      expect((await callApi(patientToken, '/api/v1/conversations', 'POST', body)).status).toBe(400)
    }
    const cases = [
      { client_id: clientId(), body: '' },
      { client_id: clientId(), body: '   ' },
      { client_id: clientId(), body: 'x'.repeat(4001) },
      { client_id: 'short', body: 'hello' },
      { client_id: 'has spaces in it', body: 'hello' },
      { body: 'no client id' },
    ]
    for (const input of cases) {
      const res = await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages`, 'POST', input)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed')
    }
    expect((await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?before=1&after=2`)).status).toBe(400)
    expect((await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?limit=1000`)).status).toBe(400)
    expect(await testDb().select().from(schema.messages).where(eq(schema.messages.conversationId, conversation.id))).toEqual([])
    expect((await send(patientToken, conversation.id, 'x'.repeat(4000))).status).toBe(201)
  })
})

describe('messages', () => {
  it('stores messages in the room’s order and never twice for one client id', async () => {
    const { conversation, patientToken, doctorToken } = await chatPair()
    const id = clientId()
    const first = await send(patientToken, conversation.id, 'Hello doctor', id)
    expect(first.status).toBe(201)
    const resent = await send(patientToken, conversation.id, 'Hello doctor', id)
    expect(resent.status).toBe(200)
    const a = ((await first.json()) as { message: Message }).message
    expect(((await resent.json()) as { message: Message }).message).toEqual(a)
    expect(a).toMatchObject({ seq: 1, body: 'Hello doctor', client_id: id, sender: { name: 'Pat Chat' } })

    // Concurrent writers from both sides still get distinct, gap-free numbers.
    const bodies = Array.from({ length: 12 }, (_, i) => `message ${i}`)
    const results = await Promise.all(bodies.map((body, i) => send(i % 2 ? doctorToken : patientToken, conversation.id, body)))
    expect(results.map((r) => r.status)).toEqual(bodies.map(() => 201))
    const rows = await testDb().select().from(schema.messages).where(eq(schema.messages.conversationId, conversation.id))
    expect(rows.map((r) => r.seq).sort((x, y) => x - y)).toEqual(Array.from({ length: 13 }, (_, i) => i + 1))
  })

  it('pages history newest first with a cursor, and catches up oldest first after a seq', async () => {
    const { conversation, patientToken } = await chatPair()
    for (let i = 1; i <= 5; i++) expect((await send(patientToken, conversation.id, `m${i}`)).status).toBe(201)
    const page1 = (await (await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?limit=2`)).json()) as { items: Message[]; next_cursor: string | null }
    expect(page1.items.map((m) => m.body)).toEqual(['m5', 'm4'])
    const page2 = (await (await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?limit=2&before=${page1.next_cursor}`)).json()) as { items: Message[]; next_cursor: string | null }
    expect(page2.items.map((m) => m.body)).toEqual(['m3', 'm2'])
    const page3 = (await (await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?limit=2&before=${page2.next_cursor}`)).json()) as { items: Message[]; next_cursor: string | null }
    expect(page3).toMatchObject({ next_cursor: null })
    expect(page3.items.map((m) => m.body)).toEqual(['m1'])
    const after = (await (await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?after=3`)).json()) as { items: Message[] }
    expect(after.items.map((m) => m.body)).toEqual(['m4', 'm5'])
  })

  it('counts unread messages per person and clears them with a read mark that never goes backwards', async () => {
    const { conversation, patientToken, doctorToken } = await chatPair()
    for (const body of ['one', 'two', 'three']) await send(patientToken, conversation.id, body)
    const unread = async (token: string) => ((await (await callApi(token, '/api/v1/conversations')).json()) as { items: Conversation[] }).items.find((c) => c.id === conversation.id)!.unread_count
    expect(await unread(doctorToken)).toBe(3)
    expect(await unread(patientToken)).toBe(0)
    expect((await callApi(doctorToken, `/api/v1/conversations/${conversation.id}/read`, 'POST', { seq: 2 })).status).toBe(204)
    expect(await unread(doctorToken)).toBe(1)
    await callApi(doctorToken, `/api/v1/conversations/${conversation.id}/read`, 'POST', { seq: 1 })
    expect(await unread(doctorToken)).toBe(1)
    // A mark past the last message stops at it, so later messages still count as unread.
    await callApi(doctorToken, `/api/v1/conversations/${conversation.id}/read`, 'POST', { seq: 99 })
    await send(patientToken, conversation.id, 'four')
    expect(await unread(doctorToken)).toBe(1)
    expect((await callApi(doctorToken, `/api/v1/conversations/${conversation.id}/read`, 'POST', { seq: -1 })).status).toBe(400)
  })

  it('returns HTML in a message as the text it is', async () => {
    const { conversation, patientToken } = await chatPair()
    const res = await send(patientToken, conversation.id, '<img src=x onerror=alert(1)>')
    expect(((await res.json()) as { message: Message }).message.body).toBe('<img src=x onerror=alert(1)>')
  })
})

describe('conversation rules found in review', () => {
  it('gives a doctor who is no longer verified none of their patients’ conversations', async () => {
    const { conversation, doctorUser, appointment } = await chatPair()
    await testDb().update(schema.doctors).set({ status: 'deactivated' }).where(eq(schema.doctors.userId, doctorUser.id))
    const token = await tokenFor(doctorUser)
    expect((await callApi(token, `/api/v1/conversations/${conversation.id}`)).status).toBe(404)
    expect((await callApi(token, `/api/v1/conversations/${conversation.id}/messages`)).status).toBe(404)
    expect((await callApi(token, '/api/v1/conversations', 'POST', { appointment_id: appointment.id })).status).toBe(404)
    expect(((await (await callApi(token, '/api/v1/conversations')).json()) as { items: unknown[] }).items).toEqual([])
  })

  it('opens one support conversation however many requests race for it', async () => {
    const user = await createUser()
    const token = await tokenFor(user)
    const answers = await Promise.all([1, 2, 3, 4].map(() => callApi(token, '/api/v1/conversations', 'POST', { kind: 'support', note: 'unknown fields are ignored' })))
    const ids = await Promise.all(answers.map(async (res) => ((await res.json()) as { conversation: Conversation }).conversation.id))
    expect(new Set(ids).size).toBe(1)
    expect(answers.filter((res) => res.status === 201)).toHaveLength(1)
    const rows = await testDb().select().from(schema.conversations).where(and(eq(schema.conversations.kind, 'support'), eq(schema.conversations.subjectUserId, user.id)))
    expect(rows).toHaveLength(1)
  })

  it('takes the read mark as a JSON number only, and ?cursor= as the next page of history', async () => {
    const { conversation, patientToken } = await chatPair()
    for (const text of ['one', 'two', 'three']) await send(patientToken, conversation.id, text)
    for (const seq of ['2', null, true]) {
      const res = await callApi(patientToken, `/api/v1/conversations/${conversation.id}/read`, 'POST', { seq })
      expect(res.status).toBe(400)
    }
    const first = (await (await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?limit=2`)).json()) as { items: Message[]; next_cursor: string }
    expect(first.items.map((m) => m.body)).toEqual(['three', 'two'])
    const next = (await (await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages?limit=2&cursor=${first.next_cursor}`)).json()) as { items: Message[] }
    expect(next.items.map((m) => m.body)).toEqual(['one'])
  })
})
