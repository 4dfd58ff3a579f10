import { notAnAuthorisedUpgrade, SocketRoom } from '../socket-room'
import { MEMBER_HEADER, type HubFrame, type HubMember } from './protocol'

// The client sends nothing but keep-alive pings (answered without waking the object).
const BURST = { frames: 10, perMs: 10_000 }

/**
 * One object per person: the sockets of every page they have open. The Worker tells it, after a
 * batch that wrote notifications for the person has committed, that something changed; it
 * forwards that to the sockets, and each page fetches what it shows (the bell, a dashboard's
 * requests) from the database. So pages learn of news at once without polling, and the object
 * holds nothing but its sockets (hibernating while idle). Like the chat and call rooms, a socket
 * lives no longer than its session.
 */
export class NotificationHub extends SocketRoom<HubMember> {
  protected readonly room = { burst: BURST, memberHeader: MEMBER_HEADER }

  override async fetch(request: Request): Promise<Response> {
    const member = this.upgradingMember(request)
    if (!member) return notAnAuthorisedUpgrade()
    const { client, server } = this.accept(member)
    send(server, { type: 'ready' })
    return this.switchedTo(client)
  }

  /** RPC: notifications of these kinds were written (or read) for this person. */
  async changed(kinds: string[]) {
    for (const ws of this.ctx.getWebSockets()) send(ws, { type: 'changed', kinds })
    return this.ctx.getWebSockets().filter((ws) => ws.readyState === WebSocket.OPEN).length
  }

  override async webSocketMessage(ws: WebSocket) {
    // Nothing to do with a client's frames; a flood is cut off.
    if (this.overBurst(ws)) ws.close(1008, 'Too many frames')
  }

  override async webSocketClose(ws: WebSocket, code: number) {
    try {
      ws.close(code === 1005 || code === 1006 ? 1000 : code)
    } catch {
      // Already closed.
    }
  }

  override async alarm() {
    await this.checkSessions()
  }

  protected signedOut() {}
}

function send(ws: WebSocket, frame: HubFrame) {
  try {
    ws.send(JSON.stringify(frame))
  } catch {
    // A socket closing under us: it goes at the next check.
  }
}
