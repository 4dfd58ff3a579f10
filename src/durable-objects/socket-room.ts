import { DurableObject } from 'cloudflare:workers'
import { contextOutsideRequest, type RequestContext } from '../core/context'
import { createDb } from '../db/client'
import type { Bindings } from '../env'
import { SocketBursts } from './socket-bursts'

/**
 * What the chat and call rooms share: their sockets are held through the WebSocket Hibernation
 * API, keep-alive pings are answered without waking the object, each socket has a frame budget,
 * and a socket is only ever accepted from the Worker, which authorised the upgrade and named the
 * member in a header.
 */
export abstract class SocketRoom<M> extends DurableObject<Bindings> {
  // Each room's own: how many frames a socket may send per window, and the member header.
  protected abstract readonly room: { burst: { frames: number; perMs: number }; memberHeader: string }
  private bursts?: SocketBursts

  constructor(ctx: DurableObjectState, env: Bindings) {
    super(ctx, env)
    ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair('ping', 'pong'))
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

  /** The member the Worker named for an authorised WebSocket upgrade; undefined for anything else. */
  protected upgradingMember(request: Request): M | undefined {
    const member = JSON.parse(request.headers.get(this.room.memberHeader) ?? 'null') as M | null
    if (!member || request.headers.get('upgrade')?.toLowerCase() !== 'websocket') return undefined
    return member
  }
}

export const notAnAuthorisedUpgrade = () => new Response('Expected an authorised WebSocket upgrade', { status: 400 })
