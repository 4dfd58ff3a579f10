import { fetchApp, ORIGIN } from './http'

// One request of an authorization matrix: a page as a browser asks it (the session cookie, not
// following redirects, so a signed-out visitor's is the redirect to sign in), or an API call with
// the bearer token and a JSON body.
export type MatrixRequest = { method?: string; page?: boolean; body?: unknown }

export function matrixRequest(path: string, row: MatrixRequest, who: { token: string | null; cookie: string | null }) {
  if (row.page) return fetchApp(path, { headers: who.cookie ? { cookie: who.cookie, origin: ORIGIN } : {}, redirect: 'manual' })
  const headers: Record<string, string> = who.token ? { authorization: `Bearer ${who.token}` } : {}
  if (row.body !== undefined) headers['content-type'] = 'application/json'
  return fetchApp(path, { method: row.method ?? 'GET', headers, body: row.body === undefined ? undefined : JSON.stringify(row.body) })
}
