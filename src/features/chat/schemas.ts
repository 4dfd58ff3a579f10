import { z } from 'zod'
import { ClientId, MessageBody } from '../../durable-objects/chat-room/protocol'

// Exactly one of the two; other fields are ignored (docs/api.md).
export const OpenConversationInput = z
  .object({
    appointment_id: z.string().trim().min(1, 'is required').max(40, 'is not a known appointment').optional(),
    kind: z.literal('support', 'must be "support"').optional(),
  })
  .refine((v) => (v.appointment_id === undefined) !== (v.kind === undefined), { message: 'give either appointment_id, or kind "support"', path: ['body'] })

export const PostMessageInput = z.object({ client_id: ClientId, body: MessageBody })

const seq = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more')

// Query strings carry numbers as text. `cursor` is the API's usual name for `before` (the
// next_cursor of the previous page).
export const HistoryQuery = z
  .object({
    before: seq.optional(),
    cursor: seq.optional(),
    after: seq.optional(),
    limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(50),
  })
  .refine((q) => (q.before ?? q.cursor) === undefined || q.after === undefined, { message: 'give before (or cursor) or after, not both', path: ['after'] })
  .transform(({ cursor, ...q }) => ({ ...q, before: q.before ?? cursor }))

// A JSON body's seq is a number, not text or null.
export const ReadInput = z.object({ seq: z.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more') })
