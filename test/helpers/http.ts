import { env, exports } from 'cloudflare:workers'

export const ORIGIN = 'https://mediconnect.test'

// A request through the whole Worker (its fetch handler, middleware and error mapping). Each
// comes from its own client address unless the test names one, as Cloudflare would report it,
// so per-IP rate limits do not couple unrelated tests.
export function fetchApp(path: string, init?: RequestInit): Promise<Response> {
  const request = new Request(new URL(path, ORIGIN), init)
  if (!request.headers.has('cf-connecting-ip')) request.headers.set('cf-connecting-ip', randomTestIp())
  return exports.default.fetch(request)
}

// A random address of its own /64 (per-address limits count an IPv6 /64 as one), so tests do
// not share one another's limits.
function randomTestIp() {
  const [a, b] = crypto.getRandomValues(new Uint16Array(2))
  return `2001:db8:${a!.toString(16)}:${b!.toString(16)}::1`
}

export function postJson(path: string, body: unknown, init: RequestInit = {}) {
  return fetchApp(path, {
    ...init,
    method: init.method ?? 'POST',
    headers: { 'content-type': 'application/json', ...init.headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  })
}

// The Worker's bindings with the database pointed at a port where nothing listens.
export function envWithDatabaseDown() {
  return { ...env, TURSO_DATABASE_URL: 'http://127.0.0.1:9' }
}

// The Worker's bindings with the database pointed at one that accepts connections and never
// answers (started by the global setup), and a short deadline for database calls.
export function envWithDatabaseStalled() {
  return { ...env, TURSO_DATABASE_URL: (env as unknown as { STALLED_DATABASE_URL: string }).STALLED_DATABASE_URL, DATABASE_TIMEOUT_MS: '1000' }
}

// An API request with a bearer token and, when given, a JSON body.
export function callApi(token: string, path: string, method = 'GET', body?: unknown) {
  return fetchApp(path, {
    method,
    headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  })
}
