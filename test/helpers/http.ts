import { env, exports } from 'cloudflare:workers'

export const ORIGIN = 'https://mediconnect.test'

// A request through the whole Worker (its fetch handler, middleware and error mapping).
export function fetchApp(path: string, init?: RequestInit): Promise<Response> {
  return exports.default.fetch(new Request(new URL(path, ORIGIN), init))
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
