import { z } from 'zod'
import { ClientId, MessageBody } from '../../durable-objects/chat-room/protocol'

export const OpenConversationInput = z.union([
  z.object({ appointment_id: z.string().trim().min(1, 'is required').max(40, 'is not a known appointment') }).strict(),
  z.object({ kind: z.literal('support') }).strict(),
], 'give either appointment_id, or kind "support"')

export const PostMessageInput = z.object({ client_id: ClientId, body: MessageBody })

const seq = z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(0, 'must be 0 or more')

export const HistoryQuery = z
  .object({
    before: seq.optional(),
    after: seq.optional(),
    limit: z.coerce.number({ error: 'must be a whole number' }).int('must be a whole number').min(1, 'must be at least 1').max(100, 'must be at most 100').default(50),
  })
  .refine((q) => q.before === undefined || q.after === undefined, { message: 'give before or after, not both', path: ['after'] })

export const ReadInput = z.object({ seq: seq })
