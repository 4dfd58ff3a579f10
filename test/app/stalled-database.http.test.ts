import { describe, expect, it } from 'vitest'
import { app } from '../../src/app'
import { envWithDatabaseStalled } from '../helpers/http'

// A database that accepts the connection and then says nothing must not hold every request for as
// long as it stalls: each database call has a deadline, and then the answer is the outage's.
describe('a stalled database', () => {
  it('answers health 503 instead of waiting', async () => {
    const res = await app.request('/api/v1/health', {}, envWithDatabaseStalled())
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable' })
  })

  it('answers a page with the 503 page and an API call with 503 unavailable', async () => {
    const page = await app.request('/', {}, envWithDatabaseStalled())
    expect(page.status).toBe(503)
    expect(page.headers.get('content-type')).toMatch(/text\/html/)
    const api = await app.request('/api/v1/doctors', {}, envWithDatabaseStalled())
    expect(api.status).toBe(503)
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unavailable')
  })
})
