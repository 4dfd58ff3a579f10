import { describe, expect, it } from 'vitest'
import { createUser } from '../helpers/factories'
import { fetchApp, ORIGIN } from '../helpers/http'
import { cookieFor, tokenFor } from '../helpers/auth'

// Broken bodies are the client's mistake: a 400 in the API's error shape (or an error page),
// never a 500.
const BOUNDARY = 'xYzBoundary123'
const part = (name: string, value: string, filename?: string) =>
  `--${BOUNDARY}\r\nContent-Disposition: form-data; name="${name}"${filename !== undefined ? `; filename="${filename}"` : ''}\r\n${filename !== undefined ? 'Content-Type: application/pdf\r\n' : ''}\r\n${value}\r\n`

const BROKEN: [string, string, string][] = [
  ['no boundary', 'multipart/form-data', part('title', 'x') + `--${BOUNDARY}--\r\n`],
  ['an empty boundary', 'multipart/form-data; boundary=', part('title', 'x') + `--${BOUNDARY}--\r\n`],
  ['a truncated body', `multipart/form-data; boundary=${BOUNDARY}`, part('title', 'x').slice(0, 30)],
  ['a CR/LF in the file name', `multipart/form-data; boundary=${BOUNDARY}`, part('file', '%PDF-1.4 x', 'a\r\nb.pdf') + `--${BOUNDARY}--\r\n`],
]

describe('malformed bodies', () => {
  it.each(BROKEN)('answers an upload with %s 400 in the error shape', async (_what, contentType, body) => {
    const token = await tokenFor(await createUser({ role: 'patient' }))
    const res = await fetchApp('/api/v1/patient/documents', { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': contentType }, body })
    expect(res.status).toBe(400)
    expect(((await res.json()) as { error: { code: string } }).error.code).toMatch(/^(bad_request|validation_failed)$/)
  })

  it.each(BROKEN)('answers a page form sent with %s with a 400 page', async (_what, contentType, body) => {
    const cookie = await cookieFor(await createUser({ role: 'patient' }))
    for (const path of ['/record/documents', '/record/profile']) {
      const res = await fetchApp(path, { method: 'POST', headers: { cookie, origin: ORIGIN, 'content-type': contentType }, body, redirect: 'manual' })
      expect([path, res.status]).toEqual([path, 400])
      expect(res.headers.get('content-type')).toMatch(/text\/html/)
    }
  })
})
