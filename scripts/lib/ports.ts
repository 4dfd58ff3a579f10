import { createServer } from 'node:net'

// A port nothing listens on right now, picked by the OS.
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer()
    server.unref()
    server.on('error', reject)
    server.listen(0, '127.0.0.1', () => {
      const address = server.address()
      server.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))))
    })
  })
}

// Polls a URL until it answers with the expected status. Bounded by count, not by luck: it gives
// up after `attempts` tries and says what it last saw.
export async function waitForHttp(url: string, { attempts = 240, intervalMs = 250, status = 200 } = {}) {
  let last = 'no answer'
  for (let i = 0; i < attempts; i++) {
    try {
      const res = await fetch(url)
      await res.arrayBuffer()
      if (res.status === status) return
      last = `status ${res.status}`
    } catch (err) {
      last = (err as Error).message
    }
    await new Promise((r) => setTimeout(r, intervalMs))
  }
  throw new Error(`${url} did not answer ${status} (last: ${last})`)
}
