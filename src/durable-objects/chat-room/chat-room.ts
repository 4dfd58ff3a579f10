import { isDatabaseUnreachable } from '../../db/errors'
import { notAnAuthorisedUpgrade, SocketRoom } from '../socket-room'
import type { LiveSession } from '../../features/auth/service/sessions'
import { markRead, messagesAfter, storeMessage } from '../../features/chat/service'
import { SessionEndedError } from '../../lib/errors'
import { describeError, log } from '../../lib/log'
import { ClientFrame, MAX_FRAME_BYTES, MEMBER_HEADER, type ApiMessage, type Member, type ServerFrame } from './protocol'

// Per socket: a person types far slower than this; a runaway client is told to slow down.
const BURST = { frames: 30, perMs: 10_000 }

// One object per conversation. It holds the room's sockets through the WebSocket Hibernation API,
// so an idle room is evicted from memory while its sockets stay open, and everything it must
// know after waking (who each socket is) lives in the sockets' attachments, not in fields.
// Messages are written to the database before they are acknowledged or broadcast: the database,
// not this object, is the record, and the HTTP fallback writes to the same place.
export class ChatRoom extends SocketRoom<Member> {
  protected readonly room = { burst: BURST, memberHeader: MEMBER_HEADER }

  // Called only by the Worker, after it authorised the upgrade and named the member.
  override async fetch(request: Request): Promise<Response> {
    const member = this.upgradingMember(request)
    if (!member) return notAnAuthorisedUpgrade()
    const { client, server } = this.accept(member)
    send(server, { type: 'ready', conversation_id: member.conversationId, user_id: member.userId, online: this.online() })
    this.broadcast({ type: 'presence', online: this.online() }, server)
    return this.switchedTo(client)
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer) {
    const member = ws.deserializeAttachment() as Member
    if (typeof data !== 'string' || data.length > MAX_FRAME_BYTES) return send(ws, errorFrame('bad_frame', 'Frames are JSON text of at most 16 KB.'))
    let frame: ClientFrame
    try {
      const parsed = ClientFrame.safeParse(JSON.parse(data))
      if (!parsed.success) {
        const clientId = (JSON.parse(data) as { client_id?: unknown }).client_id
        return send(ws, errorFrame('validation_failed', parsed.error.issues[0]?.message ?? 'The frame is not valid.', typeof clientId === 'string' ? clientId : undefined))
      }
      frame = parsed.data
    } catch {
      return send(ws, errorFrame('bad_frame', 'Frames are JSON text of at most 16 KB.'))
    }
    if (this.overBurst(ws)) return send(ws, errorFrame('rate_limited', 'Too many messages at once; wait a few seconds.', frame.type === 'send' ? frame.client_id : undefined))
    try {
      await this.handle(ws, member, frame)
    } catch (err) {
      // The message was not stored: the session behind the socket has ended.
      if (err instanceof SessionEndedError) return this.signOut(ws, member)
      if (!isDatabaseUnreachable(err)) log('error', 'chat frame failed', { conversation_id: member.conversationId, ...describeError(err) })
      send(ws, errorFrame('unavailable', 'The message could not be saved; it will be sent again.', frame.type === 'send' ? frame.client_id : undefined))
    }
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    // Complete the closing handshake (a no-op where the runtime already did), then tell the
    // others who is left.
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code)
    } catch {
      // Already closed.
    }
    this.broadcast({ type: 'presence', online: this.online(ws) }, ws)
  }

  override async webSocketError(ws: WebSocket) {
    this.broadcast({ type: 'presence', online: this.online(ws) }, ws)
  }

  // Every few seconds while sockets are open: their sessions are re-checked.
  override async alarm() {
    await this.checkSessions()
  }

  // A doctor stays only while verified, a support agent only while still an agent.
  protected override stillAllowed(member: Member, session: LiveSession) {
    if (member.access === 'doctor') return session.doctorVerified
    return member.access !== 'support' || session.supportAgent
  }

  protected signedOut(ws: WebSocket) {
    this.broadcast({ type: 'presence', online: this.online(ws) }, ws)
  }

  // RPC from the Worker: a message stored through the HTTP fallback, to show on the live sockets.
  async deliver(message: ApiMessage) {
    this.broadcast({ type: 'message', message })
  }

  // RPC from the Worker: a read mark set through HTTP.
  async announceRead(userId: string, seq: number) {
    this.broadcast({ type: 'read', user_id: userId, seq }, undefined, userId)
  }

  private async handle(ws: WebSocket, member: Member, frame: ClientFrame) {
    const ctx = this.contextFor(`room:${member.conversationId}`)
    const { conversationId, userId } = member
    switch (frame.type) {
      case 'send': {
        const { message, replayed } = await storeMessage(ctx, { senderId: userId, conversationId, clientId: frame.client_id, body: frame.body, sessionId: member.sessionId })
        send(ws, { type: 'ack', client_id: frame.client_id, message })
        // A resend (its ack was lost) is acknowledged again; the others already have it.
        if (!replayed) this.broadcast({ type: 'message', message }, ws)
        return
      }
      case 'typing':
        return this.broadcast({ type: 'typing', user: { id: member.userId, name: member.name } }, undefined, member.userId)
      case 'read': {
        const seq = await markRead(ctx, { userId, conversationId, seq: frame.seq })
        return this.broadcast({ type: 'read', user_id: member.userId, seq }, undefined, member.userId)
      }
      case 'sync': {
        return send(ws, { type: 'messages', ...(await messagesAfter(ctx, { conversationId, after: frame.after })) })
      }
    }
  }

  // Everyone in the room but `except` (a socket) and `exceptUser` (all of one user's sockets).
  private broadcast(frame: ServerFrame, except?: WebSocket, exceptUser?: string) {
    const text = JSON.stringify(frame)
    for (const socket of this.ctx.getWebSockets()) {
      if (socket === except) continue
      if (exceptUser && (socket.deserializeAttachment() as Member).userId === exceptUser) continue
      try {
        socket.send(text)
      } catch {
        // A socket closing under us; its close event tells the others.
      }
    }
  }

  private online(leaving?: WebSocket): string[] {
    const ids = this.ctx.getWebSockets().filter((s) => s !== leaving && s.readyState === WebSocket.OPEN).map((s) => (s.deserializeAttachment() as Member).userId)
    return [...new Set(ids)]
  }
}

function send(ws: WebSocket, frame: ServerFrame) {
  try {
    ws.send(JSON.stringify(frame))
  } catch {
    // Closed meanwhile: the client catches up with `sync` when it reconnects.
  }
}

const errorFrame = (code: string, message: string, clientId?: string): ServerFrame => ({ type: 'error', code, message, ...(clientId ? { client_id: clientId } : {}) })
