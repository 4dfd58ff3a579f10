// Per-socket frame limits for the rooms: a fixed window of `frames` per `perMs`. Kept in memory
// only: hibernation forgets the counts, which merely resets them.
export class SocketBursts {
  private readonly bursts = new WeakMap<WebSocket, { start: number; count: number }>()

  constructor(private readonly limit: { frames: number; perMs: number }) {}

  // Counts a frame; true when the socket has sent more than its window allows.
  overLimit(ws: WebSocket, now = Date.now()): boolean {
    const burst = this.bursts.get(ws)
    if (!burst || now - burst.start > this.limit.perMs) {
      this.bursts.set(ws, { start: now, count: 1 })
      return false
    }
    burst.count++
    return burst.count > this.limit.frames
  }
}
