import { gzipSync } from 'node:zlib'

export type PageWeight = { htmlBytes: number; htmlGzip: number; assetBytes: number; assetGzip: number; assets: number }

const gz = (bytes: Uint8Array) => gzipSync(bytes, { level: 6 }).length

// Bytes of a response and of the scripts and stylesheets its HTML loads (each counted once).
export async function measureWeight(url: string, expectedStatus: number, init: RequestInit = {}): Promise<PageWeight> {
  const res = await fetch(url, init)
  const body = new Uint8Array(await res.arrayBuffer())
  if (res.status !== expectedStatus) throw new Error(`${url} answered ${res.status}, expected ${expectedStatus}`)
  const weight = { htmlBytes: body.length, htmlGzip: gz(body), assetBytes: 0, assetGzip: 0, assets: 0 }
  if (!(res.headers.get('content-type') ?? '').includes('text/html')) return weight
  const html = new TextDecoder().decode(body)
  const refs = new Set(
    [...html.matchAll(/<script[^>]+src="([^"]+)"|<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g)].map(
      (m) => (m[1] ?? m[2])!,
    ),
  )
  for (const ref of refs) {
    const asset = new Uint8Array(await (await fetch(new URL(ref, url))).arrayBuffer())
    weight.assetBytes += asset.length
    weight.assetGzip += gz(asset)
    weight.assets++
  }
  return weight
}

// Requests per second over a fixed number of requests at a fixed concurrency. Only ever reported
// as a ratio to the baseline route measured the same way in the same run.
export async function measureThroughput(url: string, total = 300, concurrency = 8, init: RequestInit = {}): Promise<number> {
  let next = 0
  const started = performance.now()
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        next++
        const res = await fetch(url, init)
        await res.arrayBuffer()
      }
    }),
  )
  return total / ((performance.now() - started) / 1000)
}

// Database round trips (HTTP pipeline requests to libSQL) that one request to `url` caused.
export async function countRoundTrips(url: string, statsUrl: string, init: RequestInit = {}): Promise<number> {
  await fetch(`${statsUrl}/reset`, { method: 'POST' })
  await (await fetch(url, init)).arrayBuffer()
  const stats = (await (await fetch(statsUrl)).json()) as { pipelineRequests: number }
  return stats.pipelineRequests
}

// Median wall time of a CPU-bound function over a few runs, in milliseconds.
export async function medianMs(fn: () => Promise<unknown>, runs = 5): Promise<number> {
  const times: number[] = []
  for (let i = 0; i < runs; i++) {
    const started = performance.now()
    await fn()
    times.push(performance.now() - started)
  }
  return times.sort((a, b) => a - b)[Math.floor(runs / 2)]!
}
