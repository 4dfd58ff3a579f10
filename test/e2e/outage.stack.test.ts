import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startDatabaseProcess } from '../../scripts/lib/database-process'
import { startLocalStack, type LocalStack } from '../../scripts/lib/stack'

// Its own stack, because this test stops and restarts the database under a running Worker. The
// database runs as its own process, as under npm run dev, and is stopped alone.
let stack: LocalStack

beforeAll(async () => {
  stack = await startLocalStack({ seed: false, startDatabase: startDatabaseProcess })
})
afterAll(async () => {
  await stack?.stop()
})

describe('a database outage', () => {
  it('turns health and pages into 503 and recovers when the database is back, without restarting the Worker', async () => {
    const health = () => fetch(`${stack.appUrl}/api/v1/health`)
    expect((await health()).status).toBe(200)

    const port = Number(new URL(stack.database.url).port)
    await stack.database.close()

    const down = await health()
    expect(down.status).toBe(503)
    expect(await down.json()).toEqual({ status: 'unavailable', database: 'unreachable' })
    const page = await fetch(stack.appUrl)
    expect(page.status).toBe(503)
    expect(await page.text()).toContain('MediConnect is briefly unavailable')
    const live = await fetch(`${stack.appUrl}/api/v1/health/live`)
    expect(live.status).toBe(200)

    stack.database = await startDatabaseProcess({ path: stack.databasePath, port })
    const up = await health()
    expect(up.status).toBe(200)
    expect(await up.json()).toEqual({ status: 'ok', database: 'ok' })
    expect((await fetch(stack.appUrl)).status).toBe(200)
  })
})
