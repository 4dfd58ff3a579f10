// What `npm run bench` measures. Later features add their pages and endpoints here.
export type BenchTarget = {
  name: string
  path: string
  // Expected status; a target answering anything else fails the run.
  status?: number
}

// The trivial route every throughput figure is divided by (no database, tiny JSON).
export const BASELINE: BenchTarget = { name: 'baseline: liveness', path: '/api/v1/health/live' }

export const TARGETS: BenchTarget[] = [
  { name: 'page: home', path: '/' },
  { name: 'page: not found', path: '/no-such-page', status: 404 },
  { name: 'api: health', path: '/api/v1/health' },
]
