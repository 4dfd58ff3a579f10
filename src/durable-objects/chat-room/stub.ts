import type { Context } from 'hono'
import type { AppEnv, Bindings } from '../../env'
import { AppError } from '../../lib/errors'
import type { Actor } from '../../core/actor'
import { MEMBER_HEADER, type ChatAccess, type Member } from './protocol'

export function chatRoom(env: Bindings, conversationId: string) {
  return env.CHAT_ROOM.get(env.CHAT_ROOM.idFromName(conversationId))
}

export function isWebSocketUpgrade(c: Context<AppEnv>) {
  return c.req.header('upgrade')?.toLowerCase() === 'websocket'
}

export function requireWebSocketUpgrade(c: Context<AppEnv>) {
  if (!isWebSocketUpgrade(c)) throw new AppError(426, 'upgrade_required', 'This address takes a WebSocket connection.')
}

// Hands an authorised upgrade to the room, naming the member. The 101 response is copied so the
// app's middleware can still add its headers (the room's own response headers are immutable).
export async function joinChatRoom(c: Context<AppEnv>, join: { user: Pick<Actor, 'id' | 'name'>; conversationId: string; sessionId: string; access: ChatAccess }) {
  const { user, conversationId, sessionId, access } = join
  const member: Member = { userId: user.id, name: user.name, conversationId, sessionId, access }
  const headers = new Headers({ upgrade: 'websocket', [MEMBER_HEADER]: JSON.stringify(member) })
  const res = await chatRoom(c.env, conversationId).fetch('https://chat-room/connect', { headers })
  return new Response(res.body, { status: res.status, headers: res.headers, webSocket: res.webSocket })
}
