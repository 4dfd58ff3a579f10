import { randomBytes } from 'node:crypto'
import type Database from 'libsql'
import { ProtocolError } from './protocol'
import type { StoredSql } from './executor'

type Connection = InstanceType<typeof Database>

export type Stream = { id: number; stored: StoredSql; closed: boolean; timer?: NodeJS.Timeout }

// Hrana streams over one SQLite connection. A stream is what the client sees as a connection;
// over HTTP it lives from one pipeline request to the next through a baton, a fresh random token
// per response, so a baton cannot be guessed or replayed.
//
// SQLite allows one writer at a time, and libsql's API is synchronous, so a pipeline runs to the
// end without interruption. The one thing that spans requests is an interactive transaction: a
// stream that ends a request inside BEGIN … holds the connection (the lease) and every other
// stream's request waits until it commits, rolls back, closes or expires from idleness.
export class Streams {
  private nextId = 1
  private batons = new Map<string, Stream>()
  private expired = new Set<string>()
  private holder: Stream | undefined
  private waiters: (() => void)[] = []

  constructor(
    private readonly db: Connection,
    private readonly idleMs: number,
  ) {}

  open(): Stream {
    return { id: this.nextId++, stored: new Map(), closed: false }
  }

  // The stream a baton names; the baton is spent by using it.
  resume(baton: string): Stream {
    const stream = this.batons.get(baton)
    if (!stream) {
      if (this.expired.has(baton)) {
        throw new ProtocolError('The stream has expired due to inactivity', 'STREAM_EXPIRED')
      }
      throw new ProtocolError('Unknown or already used baton', 'STREAM_EXPIRED')
    }
    this.batons.delete(baton)
    clearTimeout(stream.timer)
    return stream
  }

  // Waits until no other stream holds an open transaction.
  async acquire(stream: Stream): Promise<void> {
    while (this.holder && this.holder !== stream) {
      await new Promise<void>((resolve) => this.waiters.push(resolve))
    }
  }

  // After a pipeline: a stream left inside a transaction keeps the connection; an open stream gets
  // a new baton and an idle timer. Returns the baton, or null when the stream is closed.
  settle(stream: Stream): string | null {
    if (stream.closed) {
      this.release(stream)
      return null
    }
    if (this.db.inTransaction) this.holder = stream
    else this.release(stream)
    const baton = randomBytes(24).toString('base64url')
    this.batons.set(baton, stream)
    stream.timer = setTimeout(() => this.expire(baton, stream), this.idleMs)
    stream.timer.unref()
    return baton
  }

  close(stream: Stream) {
    stream.closed = true
    stream.stored.clear()
  }

  closeAll() {
    for (const stream of this.batons.values()) clearTimeout(stream.timer)
    this.batons.clear()
  }

  private expire(baton: string, stream: Stream) {
    this.batons.delete(baton)
    this.expired.add(baton)
    // Remember a bounded number of expired batons, only to tell "expired" from "unknown".
    if (this.expired.size > 1000) this.expired.delete(this.expired.values().next().value!)
    this.close(stream)
    this.release(stream)
  }

  // A stream that ends while inside a transaction rolls it back, as a closed connection would.
  private release(stream: Stream) {
    if (this.holder !== stream && this.holder !== undefined) return
    if (stream.closed && this.db.inTransaction) this.db.exec('ROLLBACK')
    if (this.db.inTransaction) return
    this.holder = undefined
    const waiting = this.waiters
    this.waiters = []
    for (const wake of waiting) wake()
  }
}
