import { and, eq } from 'drizzle-orm'
import { describe, expect, it } from 'vitest'
import * as schema from '../../../src/db/schema'
import { notifyWaitingMessages } from '../../../src/features/chat/waiting-messages'
import { testDb } from '../../helpers/db'
import { callApi } from '../../helpers/http'
import { chatPair } from '../../helpers/fixtures/chat'
import { jobContext } from '../../helpers/jobs'

const messageNotices = (userId: string) => testDb().select().from(schema.notifications).where(and(eq(schema.notifications.userId, userId), eq(schema.notifications.kind, 'message')))

describe('messages left unread', () => {
  it('become one notification per conversation after 10 minutes, not one per message, even with three runs at once', async () => {
    const { patient, doctorUser, doctorToken, conversation } = await chatPair()
    for (const body of ['Your results are in.', 'Please book a follow-up.', 'Any questions?']) {
      expect((await callApi(doctorToken, `/api/v1/conversations/${conversation.id}/messages`, 'POST', { client_id: crypto.randomUUID(), body })).status).toBe(201)
    }
    // Nine minutes on: not yet.
    await notifyWaitingMessages(jobContext(new Date(Date.now() + 9 * 60_000)))
    expect(await messageNotices(patient.id)).toHaveLength(0)

    const later = new Date(Date.now() + 11 * 60_000)
    await Promise.all([1, 2, 3].map(() => notifyWaitingMessages(jobContext(later))))
    await notifyWaitingMessages(jobContext(new Date(later.getTime() + 60_000)))
    const notices = await messageNotices(patient.id)
    expect(notices).toMatchObject([{ title: 'New messages from Dr. Chat', link: `/conversations/${conversation.id}` }])
    // Who wrote, never what.
    const emails = await testDb().select().from(schema.emailOutbox).where(and(eq(schema.emailOutbox.toAddress, patient.email), eq(schema.emailOutbox.subject, 'New messages from Dr. Chat')))
    expect(emails).toHaveLength(1)
    expect(emails[0]!.textBody).not.toContain('results')
    // The writer is not told of their own messages.
    expect(await messageNotices(doctorUser.id)).toHaveLength(0)
  })
})
