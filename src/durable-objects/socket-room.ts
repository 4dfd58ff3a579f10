import { DurableObject } from 'cloudflare:workers'
import { contextOutsideRequest, type RequestContext } from '../core/context'
import { createDb } from '../db/client'
import type { Bindings } from '../env'
import { liveSessions, type LiveSession } from '../features/auth/service/sessions'
import { SocketBursts } from './socket-bursts'

// The close code of a socket whose session ended (signed out, revoked, expired, deactivated), or
// whose live session may no longer be here (a doctor no longer verified, an agent no longer in
// support): the reason says which. Clients do not reconnect after it.
export const SIGNED_OUT = 4003
type CloseReason = 'Signed out' | 'Access ended'
// How often a room with open sockets re-checks their sessions: one query for all of them.
const SESSION_CHECK_MS = 4_000

type RoomMember = { userId: string; sessionId: string }

/**
 * What the chat and call rooms share: their sockets are held through the WebSocket Hibernation
 * API, keep-alive pings are answered without waking the object, each socket has a frame budget,
 * and a socket is only ever accepted from the Worker, which authorised the upgrade and named the
 * member in a header. A socket lives no longer than its session: the room re-checks its sockets'
 * sessions every few seconds while any is open (and at once when told a user's sessions ended),
 * and closes those whose session ended with SIGNED_OUT.
 */
export abstract class SocketRoom<M extends RoomMember> extends DurableObject<Bindings> {
  // Each room's own: how many frames a socket may send per window, and the member header.
  protected abstract readonly room: { burst: { frames: number; perMs: number }; memberHeader: string }
  private bursts?: SocketBursts

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env)
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
  }

  /** What the room does when a socket is signed out (tell the others, record the leaving). */
  protected abstract signedOut(ws: WebSocket, member: M): Promise<void> | void

  /** Whether a member whose session is live may still be here (a doctor must still be verified). */
  protected stillAllowed(_member: M, _session: LiveSession): boolean {
    return true
  }

  /** RPC: sessions of this user just ended somewhere; re-check their sockets now. */
  async recheckUser(userId: string) {
    await this.closeEndedSessions(this.ctx.getWebSockets(userId))
  }

  /** The periodic check (from the room's alarm): close what ended, and keep checking while sockets are open. */
  protected async checkSessions() {
    await this.closeEndedSessions(this.ctx.getWebSockets())
    if (this.ctx.getWebSockets().some((ws) => ws.readyState === WebSocket.OPEN)) await this.checkSessionsSoon()
  }

  /** Makes sure the room's alarm runs within SESSION_CHECK_MS (an earlier alarm stays). */
  protected async checkSessionsSoon() {
    const at = Date.now() + SESSION_CHECK_MS
    const current = await this.ctx.storage.getAlarm()
    if (current === null || current > at) await this.ctx.storage.setAlarm(at)
  }

  /** Closes a socket whose session (or the right it came in by) ended, after the room has done its part. */
  protected async signOut(ws: WebSocket, member: M, reason: CloseReason = 'Signed out') {
    await this.signedOut(ws, member)
    try {
      ws.close(SIGNED_OUT, reason)
    } catch {
      // Already closed.
    }
  }

  private async closeEndedSessions(sockets: WebSocket[]) {
    const open = sockets.filter((ws) => ws.readyState === WebSocket.OPEN)
    const sessionIds = [...new Set(open.map((ws) => this.memberOf(ws).sessionId))]
    if (sessionIds.length === 0) return
    const live = await liveSessions(this.contextFor('room:session-check'), sessionIds)
    for (const ws of open) {
      const member = this.memberOf(ws)
      const session = live.get(member.sessionId)
      if (!session) await this.signOut(ws, member)
      else if (!this.stillAllowed(member, session)) await this.signOut(ws, member, 'Access ended')
    }
  }

  protected memberOf(ws: WebSocket): M {
    return ws.deserializeAttachment() as M
  }

  /** True when the socket has sent more frames than its window allows (this frame counted). */
  protected overBurst(ws: WebSocket): boolean {
    this.bursts ??= new SocketBursts(this.room.burst)
    return this.bursts.overLimit(ws)
  }

  /** The context a room's services run in: the member was authorised at the upgrade; the room acts for them. */
  protected contextFor(requestId: string): RequestContext {
    return contextOutsideRequest({ db: createDb(this.env), env: this.env, requestId, background: (work) => this.ctx.waitUntil(work) })
  }

  /**
   * Accepts an authorised member's socket through the Hibernation API: tagged with their user id
   * (and any further tags), the member kept in its attachment so the room knows them after waking.
   */
  protected accept(member: M, tags: string[] = []) {
    const { 0: client, 1: server } = new WebSocketPair()
    this.ctx.acceptWebSocket(server, [member.userId, ...tags])
    server.serializeAttachment(member)
    return { client, server }
  }

  /** The 101 answer for an accepted socket; the room's session checks run while it is open. */
  protected async switchedTo(client: WebSocket) {
    await this.checkSessionsSoon()
    return new Response(null, { status: 101, webSocket: client })
  }

  /** The member the Worker named for an authorised WebSocket upgrade; undefined for anything else. */
  protected upgradingMember(request: Request): M | undefined {
    const member = JSON.parse(request.headers.get(this.room.memberHeader) ?? 'null') as M | null
    if (!member || request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return undefined
    return member
  }
}

export const notAnAuthorisedUpgrade = () => new Response('Expected an authorised WebSocket upgrade', { status: 400 })
