import { describe, expect, it } from 'vitest'
import { eq } from 'drizzle-orm'
import * as schema from '../../../src/db/schema'
import { testDb } from '../../helpers/db'
import { createAppointment, createDoctor, createUser } from '../../helpers/factories'
import { callApi, fetchApp } from '../../helpers/http'
import { asBrowser, cookieFor, postForm } from '../../helpers/auth'
import { chatPair } from '../../helpers/fixtures/chat'

const htmx = { 'HX-Request': 'true' }
const storedBodies = async (conversationId: string) =>
  (await testDb().select().from(schema.messages).where(eq(schema.messages.conversationId, conversationId))).map((m) => m.body)

describe('the chat pages', () => {
  it('opens an appointment’s conversation from a form and shows the unread count in the list and the header', async () => {
    const { doctor, user: doctorUser } = await createDoctor({}, { name: 'Dr. Page' })
    const patient = await createUser({ name: 'Pat Page' })
    const appointment = await createAppointment(doctor.id, patient.id)
    const patientCookie = await cookieFor(patient)
    const opened = await postForm(`/appointments/${appointment.id}/conversation`, patientCookie, {})
    expect(opened.status).toBe(303)
    const conversationPath = opened.headers.get('location')!
    expect(conversationPath).toMatch(/^\/conversations\/cnv_/)
    const conversationId = conversationPath.split('/')[2]!
    expect((await postForm(`${conversationPath}/messages`, patientCookie, { client_id: 'form-00000001', body: 'Can I bring my scans?' })).status).toBe(303)

    const doctorCookie = await cookieFor(doctorUser)
    const list = await (await fetchApp('/conversations', asBrowser(doctorCookie))).text()
    expect(list).toContain('Pat Page')
    expect(list).toMatch(/<a href="\/conversations" id="nav-messages">\s*Messages<span class="badge">1<span class="visually-hidden"> unread<\/span>/)
    const page = await (await fetchApp(conversationPath, asBrowser(doctorCookie))).text()
    expect(page).toContain('Can I bring my scans?')
    expect(page).toContain(`data-conversation="${conversationId}"`)
    // Opening the conversation read it (the mark is written after the response).
    await expect.poll(async () => (await (await fetchApp('/conversations', asBrowser(doctorCookie))).text()).includes('class="badge"')).toBe(false)

    const stranger = await cookieFor(await createUser())
    expect((await fetchApp(conversationPath, asBrowser(stranger))).status).toBe(404)
    expect((await postForm(`${conversationPath}/messages`, stranger, { client_id: 'form-00000002', body: 'hello?' })).status).toBe(404)
    expect((await postForm(`/appointments/${appointment.id}/conversation`, stranger, {})).status).toBe(404)
    expect(await storedBodies(conversationId)).toEqual(['Can I bring my scans?'])
  })

  it('shows HTML in a message as text', async () => {
    const { conversation, patientToken, patient } = await chatPair()
    await callApi(patientToken, `/api/v1/conversations/${conversation.id}/messages`, 'POST', { client_id: 'xss-00000001', body: '<script>alert(1)</script>' })
    const page = await (await fetchApp(`/conversations/${conversation.id}`, asBrowser(await cookieFor(patient)))).text()
    expect(page).toContain('&lt;script&gt;alert(1)&lt;/script&gt;')
    expect(page).not.toContain('<script>alert(1)</script>')
  })

  it('takes the same form twice as one message, and keeps what was typed when it is refused', async () => {
    const { conversation, patient } = await chatPair()
    const cookie = await cookieFor(patient)
    const path = `/conversations/${conversation.id}/messages`
    expect((await postForm(path, cookie, { client_id: 'twice-0000001', body: 'Only once please' })).status).toBe(303)
    expect((await postForm(path, cookie, { client_id: 'twice-0000001', body: 'Only once please' })).status).toBe(303)
    expect(await storedBodies(conversation.id)).toEqual(['Only once please'])

    const empty = await postForm(path, cookie, { client_id: 'empty-0000001', body: '   ' })
    expect(empty.status).toBe(422)
    expect(await empty.text()).toContain('Your message must not be empty.')
    const long = await postForm(path, cookie, { client_id: 'long-00000001', body: `${'a'.repeat(4001)}` })
    expect(long.status).toBe(422)
    expect(await long.text()).toContain('a'.repeat(4001))
    expect(await storedBodies(conversation.id)).toEqual(['Only once please'])
  })

  it('answers htmx with the new message and a fresh form, and polls for what is newer', async () => {
    const { conversation, patient, doctorUser } = await chatPair()
    const path = `/conversations/${conversation.id}/messages`
    const posted = await postForm(path, await cookieFor(patient), { client_id: 'htmx-00000001', body: 'Sent with htmx' }, htmx)
    expect(posted.status).toBe(200)
    const fragment = await posted.text()
    expect(fragment).toContain('id="msg-1"')
    expect(fragment).toContain('Sent with htmx')
    expect(fragment).toMatch(/<form id="chat-form"[^>]*hx-swap-oob="true"/)
    expect(fragment).not.toContain('value="htmx-00000001"')

    const doctorCookie = await cookieFor(doctorUser)
    const poll = await (await fetchApp(`${path}?after=0`, asBrowser(doctorCookie, { headers: htmx }))).text()
    expect(poll).toContain('Sent with htmx')
    expect(poll).toMatch(/<div id="chat-poll" hx-get="[^"]*after=1"/)
    const nothingNew = await (await fetchApp(`${path}?after=1`, asBrowser(doctorCookie, { headers: htmx }))).text()
    expect(nothingNew).not.toContain('<li')
    // Without htmx the address is the conversation page.
    expect((await fetchApp(`${path}?after=0`, asBrowser(doctorCookie))).headers.get('location')).toBe(`/conversations/${conversation.id}`)
  })

  it('opens one support conversation per person from the messages page', async () => {
    const cookie = await cookieFor(await createUser())
    const first = await postForm('/conversations/support', cookie, {})
    const second = await postForm('/conversations/support', cookie, {})
    expect(first.status).toBe(303)
    expect(second.headers.get('location')).toBe(first.headers.get('location'))
    expect(await (await fetchApp(first.headers.get('location')!, asBrowser(cookie))).text()).toContain('MediConnect support')
  })
})
