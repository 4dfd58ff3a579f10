import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createClinicAdmin, createDoctor, createUser, unique } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, latestEmailTo, postForm, tokenFor } from '../../helpers/auth'
import { FILES, uploadForm } from '../../helpers/fixtures/documents'

type Ticket = { id: string; status: string; priority: string; assignee: { id: string } | null; first_response_at: string | null; first_response_minutes: number | null; attachment: { name: string } | null; conversation_id: string | null }
type Thread = { ticket: Ticket; messages: { body: string; internal: boolean }[] }

const agent = async () => createUser({ role: 'admin', adminRole: 'support', name: 'Sue Support' })
const open = async (token: string, body: Record<string, unknown> = {}) => callApi(token, '/api/v1/support/tickets', 'POST', { category: 'account', subject: 'I cannot change my email', description: 'The link says it expired.', ...body })

describe('support tickets', () => {
  it('a patient opens a ticket; support answers (the patient is told), notes internally, and the thread goes back and forth', async () => {
    const patient = await createUser({ name: 'Tess Ticket' })
    const token = await tokenFor(patient)
    const opened = await open(token)
    expect(opened.status).toBe(201)
    const { ticket } = (await opened.json()) as Thread
    expect(ticket).toMatchObject({ status: 'open', priority: 'normal', first_response_at: null })

    const supportUser = await agent()
    const support = await tokenFor(supportUser)
    const queue = (await (await callApi(support, `/api/v1/admin/tickets?q=${encodeURIComponent('Tess Ticket')}`)).json()) as { items: Ticket[] }
    expect(queue.items.map((t) => t.id)).toContain(ticket.id)

    expect((await callApi(support, `/api/v1/admin/tickets/${ticket.id}/messages`, 'POST', { body: 'Seen this before: token clock skew.', internal: true })).status).toBe(201)
    const answered = await callApi(support, `/api/v1/admin/tickets/${ticket.id}/messages`, 'POST', { body: 'We sent you a fresh link; it works for 24 hours.' })
    const afterAnswer = (await answered.json()) as Thread
    expect(afterAnswer.ticket.status).toBe('waiting')
    expect(afterAnswer.ticket.first_response_minutes).toBe(0)
    expect(afterAnswer.messages.map((m) => m.internal)).toEqual([true, false])
    expect((await latestEmailTo(patient.email))!.subject).toBe('Support answered: I cannot change my email')
    expect(await testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, patient.id), eq(schema.notifications.kind, 'support')))).toHaveLength(1)

    // The patient never sees the internal note; their reply hands the ticket back to support.
    const mine = (await (await callApi(token, `/api/v1/support/tickets/${ticket.id}`)).json()) as Thread
    expect(mine.messages.map((m) => m.body)).toEqual(['We sent you a fresh link; it works for 24 hours.'])
    const replied = (await (await callApi(token, `/api/v1/support/tickets/${ticket.id}/messages`, 'POST', { body: 'It worked, thank you!' })).json()) as Thread
    expect(replied.ticket.status).toBe('open')

    // Status, priority and assignee, audited with the before and after; closed takes no more replies.
    const updated = await callApi(support, `/api/v1/admin/tickets/${ticket.id}`, 'PATCH', { status: 'closed', priority: 'low', assignee_id: supportUser.id })
    expect(((await updated.json()) as Thread).ticket).toMatchObject({ status: 'closed', priority: 'low', assignee: { id: supportUser.id } })
    const [entry] = await testDb().select().from(schema.auditLog).where(and(eq(schema.auditLog.entityId, ticket.id), eq(schema.auditLog.action, 'ticket.updated')))
    expect(entry!.metadata).toMatchObject({ before: { status: 'open', priority: 'normal', assignee_id: null }, after: { status: 'closed', priority: 'low', assignee_id: supportUser.id } })
    const late = await callApi(token, `/api/v1/support/tickets/${ticket.id}/messages`, 'POST', { body: 'One more thing' })
    expect(late.status).toBe(409)
    expect(((await late.json()) as { error: { code: string } }).error.code).toBe('ticket_closed')
  })

  it('keeps tickets private: another patient, a doctor and a clinic admin get 404 or 403; only support works the queue', async () => {
    const token = await tokenFor(await createUser())
    const { ticket } = (await (await open(token)).json()) as Thread
    for (const stranger of [await createUser(), (await createDoctor()).user]) {
      expect((await callApi(await tokenFor(stranger), `/api/v1/support/tickets/${ticket.id}`)).status).toBe(404)
      expect((await callApi(await tokenFor(stranger), `/api/v1/support/tickets/${ticket.id}/messages`, 'POST', { body: 'Me too' })).status).toBe(404)
    }
    for (const user of [await createClinicAdmin(), (await createDoctor()).user, await createUser()]) {
      expect((await callApi(await tokenFor(user), '/api/v1/admin/tickets')).status).toBe(403)
      expect((await callApi(await tokenFor(user), `/api/v1/admin/tickets/${ticket.id}`)).status).toBe(403)
    }
    expect((await callApi(await tokenFor(await createUser({ role: 'admin', adminRole: 'super' })), `/api/v1/admin/tickets/${ticket.id}`)).status).toBe(200)
    expect((await fetchApp('/api/v1/support/tickets')).status).toBe(401)
  })

  it('refuses bad input with the API error shape and stores nothing', async () => {
    const patient = await createUser()
    const token = await tokenFor(patient)
    const otherAppointment = await createAppointment((await createDoctor()).doctor.id, (await createUser()).id)
    for (const body of [{ category: 'mood' }, { subject: 'x' }, { description: '' }, { subject: 'Two\nlines' }, { appointment_id: otherAppointment.id }]) {
      const res = await open(token, body)
      expect(res.status).toBe(400)
      expect(((await res.json()) as { error: { code: string } }).error.code).toBe('validation_failed')
    }
    expect(await testDb().select().from(schema.supportTickets).where(eq(schema.supportTickets.userId, patient.id))).toEqual([])
    const { ticket } = (await (await open(token)).json()) as Thread
    const support = await tokenFor(await agent())
    expect((await callApi(support, `/api/v1/admin/tickets/${ticket.id}`, 'PATCH', {})).status).toBe(400)
    expect((await callApi(support, `/api/v1/admin/tickets/${ticket.id}`, 'PATCH', { assignee_id: patient.id })).status).toBe(400)
    expect((await callApi(support, `/api/v1/admin/tickets/${ticket.id}/messages`, 'POST', { body: '' })).status).toBe(400)
    expect((await callApi(support, '/api/v1/admin/tickets/tkt_nothing')).status).toBe(404)
  })

  it('takes an attachment, which only the requester and support can download', async () => {
    const doctorUser = (await createDoctor()).user
    const token = await tokenFor(doctorUser)
    const form = uploadForm(FILES.png, 'screenshot.png', { category: 'technical', subject: 'The calendar is blank', description: 'See the screenshot.' })
    const res = await fetchApp('/api/v1/support/tickets', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form })
    expect(res.status).toBe(201)
    const { ticket } = (await res.json()) as Thread
    expect(ticket.attachment).toMatchObject({ name: 'screenshot' })
    const mine = await callApi(token, `/api/v1/support/tickets/${ticket.id}/attachment`)
    expect(new Uint8Array(await mine.arrayBuffer())).toEqual(FILES.png)
    expect((await callApi(await tokenFor(await agent()), `/api/v1/support/tickets/${ticket.id}/attachment`)).status).toBe(200)
    expect((await callApi(await tokenFor(await createUser()), `/api/v1/support/tickets/${ticket.id}/attachment`)).status).toBe(404)
    const wrong = uploadForm(FILES.text, 'notes.txt', { category: 'technical', subject: 'Text file', description: 'Not allowed' })
    expect((await fetchApp('/api/v1/support/tickets', { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: wrong })).status).toBe(415)
  })

  it('turns a support conversation into a ticket assigned to the agent', async () => {
    const person = await createUser()
    const { conversation } = (await (await callApi(await tokenFor(person), '/api/v1/conversations', 'POST', { kind: 'support' })).json()) as { conversation: { id: string } }
    const supportUser = await agent()
    const res = await callApi(await tokenFor(supportUser), '/api/v1/admin/tickets/from-conversation', 'POST', { conversation_id: conversation.id })
    expect(res.status).toBe(201)
    expect(((await res.json()) as Thread).ticket).toMatchObject({ conversation_id: conversation.id, assignee: { id: supportUser.id } })
    expect(((await (await callApi(await tokenFor(person), '/api/v1/support/tickets')).json()) as { items: Ticket[] }).items).toHaveLength(1)
    expect((await callApi(await tokenFor(supportUser), '/api/v1/admin/tickets/from-conversation', 'POST', { conversation_id: 'cnv_nowhere' })).status).toBe(404)
  })

  it('works as pages without JavaScript: open, answer, reply, with the queue showing time to first response', async () => {
    const patient = await createUser({ name: 'Paige Pages' })
    const cookie = await cookieFor(patient)
    const subject = unique('Page ticket')
    // The page's form is multipart (for the attachment), sent here without a file.
    const post = (fields: Record<string, string>) => {
      const body = new FormData()
      for (const [k, v] of Object.entries(fields)) body.set(k, v)
      return fetchApp('/support/tickets', { method: 'POST', headers: { cookie, origin: 'https://mediconnect.test' }, body, redirect: 'manual' })
    }
    const refused = await post({ category: 'appointment', subject, description: '' })
    expect(refused.status).toBe(422)
    expect(await refused.text()).toContain(`value="${subject}"`)
    const opened = await post({ category: 'appointment', subject, description: 'My visit time looks wrong.' })
    expect(opened.status).toBe(303)
    const ticketPath = opened.headers.get('location')!.replace(/\?.*$/, '')
    const id = ticketPath.split('/').pop()!
    expect(await (await fetchApp(opened.headers.get('location')!, asBrowser(cookie))).text()).toContain('Your ticket is open')

    const supportCookie = await cookieFor(await agent())
    const queue = await (await fetchApp(`/admin/tickets?q=${encodeURIComponent(subject)}`, asBrowser(supportCookie))).text()
    expect(queue).toContain('<caption>Support tickets</caption>')
    expect(queue).toContain('Not yet')
    const answer = await postForm(`/admin/tickets/${id}/messages`, supportCookie, { body: 'Fixed: it shows your own time zone now.' })
    expect(answer.headers.get('location')).toBe(`/admin/tickets/${id}?done=answered`)
    expect(await (await fetchApp(`/admin/tickets?q=${encodeURIComponent(subject)}&status=waiting`, asBrowser(supportCookie))).text()).toContain('after 0 min')
    const page = await (await fetchApp(ticketPath, asBrowser(cookie))).text()
    expect(page).toContain('Fixed: it shows your own time zone now.')
    expect((await postForm(`${ticketPath}/messages`, cookie, { body: '' })).status).toBe(422)
    expect((await postForm(`${ticketPath}/messages`, cookie, { body: 'Thanks!' })).status).toBe(303)
  })
})
