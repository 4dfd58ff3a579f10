import { describe, expect, it } from 'vitest'
import { app } from '../../../src/app'
import { envWithDatabaseDown, fetchApp } from '../../helpers/http'

describe('GET /api/v1/health', () => {
  it('reports ok when the database answers', async () => {
    const res = await fetchApp('/api/v1/health')
    expect(res.status).toBe(200)
    expect(res.headers.get('cache-control')).toBe('no-store')
    expect(await res.json()).toEqual({ status: 'ok', database: 'ok' })
  })

  it('answers 503 with database "unreachable" when the database cannot be reached', async () => {
    const res = await app.request('/api/v1/health', {}, envWithDatabaseDown())
    expect(res.status).toBe(503)
    expect(await res.json()).toEqual({ status: 'unavailable', database: 'unreachable' })
  })
})

describe('GET /api/v1/health/live', () => {
  it('answers without touching the database, so it stays up during an outage', async () => {
    const res = await app.request('/api/v1/health/live', {}, envWithDatabaseDown())
    expect(res.status).toBe(200)
    expect(await res.json()).toEqual({ status: 'ok' })
  })
})
