import { z } from 'zod'
import { TEXT_LIMITS } from '../../core/input'
import type { ApiMessage } from '../../core/shapes'

export type { ApiMessage }

// The chat WebSocket's frames: JSON text, one object per frame, `type` first. docs/api.md
// ("Chat WebSocket") is the reference for clients; keep the two in step.

export const MAX_FRAME_BYTES = 16 * 1024

export const ClientId = z.string().regex(/^[A-Za-z0-9_-]{8,64}$/, 'must be 8–64 letters, digits, - or _')
export const MessageBody = z
  .string()
  .trim()
  .min(1, 'must not be empty')
  .max(TEXT_LIMITS.message, `must be at most ${TEXT_LIMITS.message} characters`)

export const ClientFrame = z.discriminatedUnion('type', [
  // A message; acknowledged with `ack` once stored. Resending the same client_id is safe.
  z.object({ type: z.literal('send'), client_id: ClientId, body: MessageBody }),
  // The sender is typing; shown to the others for a few seconds.
  z.object({ type: z.literal('typing') }),
  // The sender has read up to this seq.
  z.object({ type: z.literal('read'), seq: z.number().int().min(0) }),
  // Messages after this seq, oldest first (after a reconnect, to catch up).
  z.object({ type: z.literal('sync'), after: z.number().int().min(0) }),
])
export type ClientFrame = z.infer<typeof ClientFrame>

export type ServerFrame =
  | { type: 'ready'; conversation_id: string; user_id: string; online: string[] }
  | { type: 'ack'; client_id: string; message: ApiMessage }
  | { type: 'message'; message: ApiMessage }
  | { type: 'messages'; messages: ApiMessage[]; more: boolean }
  | { type: 'typing'; user: { id: string; name: string } }
  | { type: 'read'; user_id: string; seq: number }
  | { type: 'presence'; online: string[] }
  | { type: 'error'; code: string; message: string; client_id?: string }

// Who a socket belongs to, set by the Worker after it authorised the upgrade; kept as the
// socket's attachment so it survives hibernation. The socket lives no longer than its session,
// nor than the right it came in by (`access`): a doctor must stay verified, an agent an agent.
export type ChatAccess = 'party' | 'doctor' | 'support'
export type Member = { userId: string; name: string; conversationId: string; sessionId: string; access: ChatAccess }
export const MEMBER_HEADER = 'x-mediconnect-member'
