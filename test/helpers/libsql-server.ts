import { createClient, type Client, type Config } from '@libsql/client'
import { afterAll, beforeAll } from 'vitest'
import { startLibsqlServer, type LibsqlServer, type LibsqlServerOptions } from '../../scripts/libsql-server/server'

// A local server on an in-memory database for one test file, and real @libsql/client clients
// (HTTP driver) pointed at it, all closed after the file.
export function useServer(options: Partial<LibsqlServerOptions> = {}) {
  const state: { server?: LibsqlServer; clients: Client[] } = { clients: [] }
  beforeAll(async () => {
    state.server = await startLibsqlServer({ path: ':memory:', port: 0, ...options })
  })
  afterAll(async () => {
    for (const client of state.clients) client.close()
    await state.server?.close()
  })
  return {
    server: () => state.server!,
    client: (config: Partial<Config> = {}) => {
      const client = createClient({ url: state.server!.url, intMode: 'bigint', ...config })
      state.clients.push(client)
      return client
    },
    pipeline: async (body: unknown, headers: Record<string, string> = {}) => {
      const res = await fetch(`${state.server!.url}/v2/pipeline`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      })
      return { status: res.status, body: (await res.json()) as Record<string, any> }
    },
  }
}

export async function rejection(promise: Promise<unknown>): Promise<{ code?: string; message: string }> {
  try {
    await promise
  } catch (err) {
    return err as { code?: string; message: string }
  }
  throw new Error('expected a rejection')
}
