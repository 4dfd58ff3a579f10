import { isDatabaseUnreachable } from '../../db/errors'
import { notAnAuthorisedUpgrade, SocketRoom } from '../socket-room'
import type { LiveSession } from '../../features/auth/service/sessions'
import type { CallEventKind } from '../../features/calls/queries'
import { recordCallPresence } from '../../features/calls/service'
import { describeError, log } from '../../lib/log'
import { CLOSE_CODES, ClientFrame, MAX_FRAME_BYTES, MEMBER_HEADER, type Member, type Participant, type RelayedFrame, type ServerFrame, type SocketState } from './protocol'

// Per socket: a negotiation sends a few dozen frames; a runaway client is told to slow down.
const BURST = { frames: 120, perMs: 10_000 }

// One object per appointment, relaying WebRTC signaling between its patient and its doctor. It
// holds their sockets through the WebSocket Hibernation API, so an idle call costs nothing, and
// everything it knows about the room (who is in, in which role, until when) lives in the sockets'
// tags and attachments, so it survives eviction: a room that wakes still knows who is waiting.
export class CallRoom extends SocketRoom<Member> {
  protected readonly room = { burst: BURST, memberHeader: MEMBER_HEADER }

  // Called only by the Worker, after it authorised the upgrade (the appointment's own patient or
  // doctor, inside the call's window) and named the member.
  override async fetch(request: Request): Promise<Response> {
    const member = this.upgradingMember(request)
    if (!member) return notAnAuthorisedUpgrade()
    if (Date.now() >= member.closesAt) return refuse('call_not_open', 'The time for this appointment’s call is over.')
    // Two places, one per role, each held by one person: a third person is refused, whatever the
    // Worker let through.
    const others = this.participants().filter((p) => p.userId !== member.userId)
    if (others.length >= 2 || others.some((p) => p.role === member.role)) return refuse('room_full', 'This call already has its two participants.')

    // The same person again (a reload, a second tab, a new network): the new socket takes over.
    const previous = this.ctx.getWebSockets(member.userId).filter(isLive)
    const { client, server } = this.accept(member satisfies SocketState, [member.role])
    for (const old of previous) retire(old, { type: 'replaced' }, CLOSE_CODES.replaced, 'Replaced by a newer connection')

    const peer = others[0]
    send(server, {
      type: 'ready',
      appointment_id: member.appointmentId,
      you: participant(member),
      peer: peer ? participant(peer) : null,
      // The patient yields when both sides offer at once ("perfect negotiation").
      polite: member.role === 'patient',
      closes_at: new Date(member.closesAt).toISOString(),
    })
    this.sendToOthers(member.userId, { type: 'peer_joined', peer: participant(member) })
    // Taking over from one's own live socket is not a new arrival in the appointment's history.
    if (previous.length === 0) await this.record(member, 'call_joined')
    await this.closeAt(member.closesAt)
    return this.switchedTo(client)
  }

  override async webSocketMessage(ws: WebSocket, data: string | ArrayBuffer) {
    const me = ws.deserializeAttachment() as SocketState
    if (me.left) return
    if (typeof data !== 'string' || data.length > MAX_FRAME_BYTES) return send(ws, errorFrame('bad_frame', 'Frames are JSON text of at most 64 KB.'))
    let frame: ClientFrame
    try {
      const parsed = ClientFrame.safeParse(JSON.parse(data))
      if (!parsed.success) return send(ws, errorFrame('validation_failed', parsed.error.issues[0]?.message ?? 'The frame is not valid.'))
      frame = parsed.data
    } catch {
      return send(ws, errorFrame('bad_frame', 'Frames are JSON text of at most 64 KB.'))
    }
    if (this.overBurst(ws)) return send(ws, errorFrame('rate_limited', 'Too many frames at once; wait a few seconds.'))
    switch (frame.type) {
      case 'offer':
      case 'answer':
      case 'candidate':
      case 'media':
        return this.relay(me, frame)
      case 'hangup':
        await this.leave(ws, me, 'hangup')
        return closeQuietly(ws, CLOSE_CODES.hangup, 'Hung up')
    }
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    // Complete the closing handshake (a no-op where the runtime already did).
    closeQuietly(ws, code === 1005 || code === 1006 ? 1000 : code, '')
    await this.leave(ws, ws.deserializeAttachment() as SocketState, 'disconnected')
  }

  override async webSocketError(ws: WebSocket) {
    await this.leave(ws, ws.deserializeAttachment() as SocketState, 'disconnected')
  }

  // The end of the window: everyone whose time is over is told and disconnected. Each socket
  // carries its own end, so a call moved to a later time keeps its newer sockets. The same alarm
  // re-checks the sockets' sessions every few seconds while the call goes on.
  override async alarm() {
    const now = Date.now()
    let next = Infinity
    for (const ws of this.ctx.getWebSockets()) {
      const state = ws.deserializeAttachment() as SocketState
      if (state.left) continue
      if (state.closesAt > now) {
        next = Math.min(next, state.closesAt)
        continue
      }
      retire(ws, { type: 'ended', reason: 'time_over' }, CLOSE_CODES.ended, 'The appointment’s time is over')
      await this.record(state, 'call_left', { reason: 'time_over' })
    }
    if (next !== Infinity) await this.ctx.storage.setAlarm(next)
    await this.checkSessions()
  }

  // A doctor who is no longer verified no longer acts as one: their call ends like a signed-out one.
  protected override stillAllowed(member: SocketState, session: LiveSession) {
    return member.role !== 'doctor' || session.doctorVerified
  }

  protected async signedOut(ws: WebSocket, member: SocketState) {
    await this.leave(ws, member, 'disconnected')
  }

  // RPC from the appointments service: the appointment is no longer confirmed (completed,
  // cancelled, marked a no-show), so whoever is still in the call is told why and let go.
  async end(status: string) {
    for (const ws of this.ctx.getWebSockets()) {
      const state = ws.deserializeAttachment() as SocketState
      if (state.left) continue
      retire(ws, { type: 'ended', reason: 'appointment_closed' }, CLOSE_CODES.closed, `The appointment was marked ${status.replace('_', '-')}.`)
      await this.record(state, 'call_left', { reason: 'appointment_closed' })
    }
  }

  private relay(me: SocketState, frame: RelayedFrame) {
    // Nobody to hear it: a signal sent into an empty room is dropped; the other side negotiates
    // afresh when it joins.
    this.sendToOthers(me.userId, { ...frame, from: me.userId })
  }

  // Someone leaves once, however many ways it is reported (hang-up, close, error).
  private async leave(ws: WebSocket, me: SocketState, reason: 'hangup' | 'disconnected') {
    if (me.left) return
    try {
      ws.serializeAttachment({ ...me, left: true } satisfies SocketState)
    } catch {
      // Already closed: the flag only spares a second report.
    }
    await this.record(me, 'call_left', { reason })
    this.sendToOthers(me.userId, { type: 'peer_left', peer: participant(me), reason })
  }

  private async record(member: Member, kind: CallEventKind, data: Record<string, unknown> = {}) {
    try {
      await recordCallPresence(this.contextFor(`room:${member.appointmentId}`), { appointmentId: member.appointmentId, userId: member.userId, kind, data: { role: member.role, ...data } })
    } catch (err) {
      // The call itself goes on; only its history line is missing.
      log(isDatabaseUnreachable(err) ? 'warn' : 'error', 'call event not recorded', { appointment_id: member.appointmentId, kind, ...describeError(err) })
    }
  }

  private async closeAt(closesAt: number) {
    const current = await this.ctx.storage.getAlarm()
    if (current === null || current > closesAt) await this.ctx.storage.setAlarm(closesAt)
  }

  // Who is in the room now: one entry per person, from the live sockets' attachments.
  private participants(): SocketState[] {
    const byUser = new Map<string, SocketState>()
    for (const ws of this.ctx.getWebSockets()) {
      if (isLive(ws)) byUser.set((ws.deserializeAttachment() as SocketState).userId, ws.deserializeAttachment() as SocketState)
    }
    return [...byUser.values()]
  }

  private sendToOthers(userId: string, frame: ServerFrame) {
    for (const ws of this.ctx.getWebSockets()) {
      if (isLive(ws) && (ws.deserializeAttachment() as SocketState).userId !== userId) send(ws, frame)
    }
  }
}

function isLive(ws: WebSocket): boolean {
  return ws.readyState === WebSocket.OPEN && !(ws.deserializeAttachment() as SocketState | null)?.left
}

const participant = (m: Member): Participant => ({ user_id: m.userId, name: m.name, role: m.role })

function refuse(code: string, message: string) {
  return Response.json({ code, message }, { status: 409 })
}

// Marks a socket as gone (so its close event records nothing), tells it why, and closes it.
function retire(ws: WebSocket, frame: ServerFrame, code: number, reason: string) {
  try {
    ws.serializeAttachment({ ...(ws.deserializeAttachment() as SocketState), left: true } satisfies SocketState)
  } catch {
    // Closing under us already.
  }
  send(ws, frame)
  closeQuietly(ws, code, reason)
}

function closeQuietly(ws: WebSocket, code: number, reason: string) {
  try {
    ws.close(code, reason)
  } catch {
    // Already closed.
  }
}

function send(ws: WebSocket, frame: ServerFrame) {
  try {
    ws.send(JSON.stringify(frame))
  } catch {
    // Closed meanwhile; its close event tells the others.
  }
}

const errorFrame = (code: string, message: string): ServerFrame => ({ type: 'error', code, message })
