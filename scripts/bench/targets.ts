// What `npm run bench` measures. Later features add their pages and endpoints here.
export type BenchTarget = {
  name: string
  path: string
  // Expected status; a target answering anything else fails the run.
  status?: number
  // Measured signed in as this demo account (its session cookie on every request).
  as?: 'patient'
}

// The trivial route every throughput figure is divided by (no database, tiny JSON).
export const BASELINE: BenchTarget = { name: 'baseline: liveness', path: '/api/v1/health/live' }

export const TARGETS: BenchTarget[] = [
  { name: 'page: home', path: '/' },
  { name: 'page: not found', path: '/no-such-page', status: 404 },
  { name: 'api: health', path: '/api/v1/health' },
  { name: 'page: sign in', path: '/login' },
  { name: 'page: register', path: '/register' },
  { name: 'page: apply as doctor', path: '/register/doctor' },
  { name: 'page: account (patient)', path: '/account', as: 'patient' },
  { name: 'page: security (patient)', path: '/account/security', as: 'patient' },
  { name: 'api: me (patient)', path: '/api/v1/auth/me', as: 'patient' },
]
