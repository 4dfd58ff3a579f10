import { fetchApp } from './http'

// A WebSocket client for tests inside workerd: the frames it received, waiting for one, its close.
export type Frame = { type: string; [key: string]: unknown }

export class Client {
  readonly frames: Frame[] = []
  readonly closed: Promise<{ code: number; reason: string }>
  private waiters: { match: (f: Frame) => boolean; resolve: (f: Frame) => void }[] = []
  constructor(readonly socket: WebSocket) {
    socket.accept()
    socket.addEventListener('message', (event) => {
      const frame = JSON.parse(event.data as string) as Frame
      this.frames.push(frame)
      this.waiters = this.waiters.filter((w) => (w.match(frame) ? (w.resolve(frame), false) : true))
    })
    this.closed = new Promise((resolve) => socket.addEventListener('close', (e) => resolve({ code: e.code, reason: e.reason })))
  }
  send(frame: Frame) {
    this.socket.send(JSON.stringify(frame))
  }
  // Resolves with the first frame (already received or still to come) that matches.
  next(match: (f: Frame) => boolean): Promise<Frame> {
    const seen = this.frames.find(match)
    if (seen) return Promise.resolve(seen)
    return new Promise((resolve) => this.waiters.push({ match, resolve }))
  }
  // Waits for the nth frame of a type (1-based), for frames that come more than once.
  nth(type: string, n: number): Promise<Frame> {
    const count = () => this.frames.filter((f) => f.type === type).length
    if (count() >= n) return Promise.resolve(this.frames.filter((f) => f.type === type)[n - 1]!)
    return new Promise((resolve) => this.waiters.push({ match: (f) => f.type === type && count() >= n, resolve }))
  }
  close() {
    this.socket.close(1000)
  }
}

export const upgrade = (path: string, init: { token?: string; cookie?: string; origin?: string } = {}) =>
  fetchApp(path, {
    headers: {
      upgrade: 'websocket',
      ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
      ...(init.cookie ? { cookie: init.cookie } : {}),
      ...(init.origin ? { origin: init.origin } : {}),
    },
  })

