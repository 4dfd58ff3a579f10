// A small local libSQL server: Hrana v2 over HTTP, the protocol Turso serves and @libsql/client's
// HTTP driver speaks, backed by the `libsql` package (Turso's engine) on a file or in memory.
// Inside workerd a client cannot open a file, so the Worker reaches this server over HTTP exactly
// as it reaches Turso in production.
//
// Endpoints: GET /v2 (version check), POST /v2/pipeline, GET /health, and two local extensions
// for the benchmarks: GET /_stats (requests served) and POST /_stats/reset.
import { timingSafeEqual } from 'node:crypto'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import Database from 'libsql'
import { describeSql, executeBatch, executeSequence, executeStmt, SqlError } from './executor'
import {
  ProtocolError,
  type PipelineRequest,
  type PipelineResponse,
  type StreamRequest,
  type StreamResponse,
  type StreamResult,
} from './protocol'
import { Streams, type Stream } from './streams'

export type LibsqlServerOptions = {
  // A file path, or ':memory:'.
  path: string
  port?: number
  host?: string
  // When set, every request but /health must carry `Authorization: Bearer <authToken>`.
  authToken?: string
  // An open stream unused this long is closed and its transaction rolled back (sqld: 10 s).
  streamIdleMs?: number
}

export type ServerStats = { pipelineRequests: number; streamRequests: number; errors: number }

export type LibsqlServer = {
  url: string
  port: number
  stats: ServerStats
  close(): Promise<void>
}

const MAX_BODY_BYTES = 32 * 1024 * 1024

export async function startLibsqlServer(options: LibsqlServerOptions): Promise<LibsqlServer> {
  const db = new Database(options.path)
  if (options.path !== ':memory:') db.exec('PRAGMA journal_mode = WAL')
  // Turso enforces foreign keys; so do we, so that nothing passes here that fails there.
  db.exec('PRAGMA foreign_keys = ON')
  const streams = new Streams(db, options.streamIdleMs ?? 10_000)
  const stats: ServerStats = { pipelineRequests: 0, streamRequests: 0, errors: 0 }

  function handleRequest(stream: Stream, request: StreamRequest): StreamResponse {
    switch (request?.type) {
      case 'execute':
        return { type: 'execute', result: executeStmt(db, request.stmt, stream.stored) }
      case 'batch':
        return { type: 'batch', result: executeBatch(db, request.batch, stream.stored) }
      case 'sequence':
        executeSequence(db, request, stream.stored)
        return { type: 'sequence' }
      case 'describe':
        return { type: 'describe', result: describeSql(db, request, stream.stored) }
      case 'store_sql':
        if (!Number.isInteger(request.sql_id) || typeof request.sql !== 'string') {
          throw new ProtocolError('store_sql needs an integer "sql_id" and "sql"')
        }
        if (stream.stored.has(request.sql_id)) {
          throw new ProtocolError(`SQL text ${request.sql_id} is already stored`, 'SQL_STORE_CONFLICT')
        }
        stream.stored.set(request.sql_id, request.sql)
        return { type: 'store_sql' }
      case 'close_sql':
        stream.stored.delete(request.sql_id)
        return { type: 'close_sql' }
      case 'get_autocommit':
        return { type: 'get_autocommit', is_autocommit: !db.inTransaction }
      case 'close':
        streams.close(stream)
        return { type: 'close' }
      default:
        throw new ProtocolError(`unknown request type ${JSON.stringify((request as { type?: unknown })?.type)}`)
    }
  }

  async function runPipeline(body: PipelineRequest): Promise<PipelineResponse> {
    if (!body || typeof body !== 'object' || !Array.isArray(body.requests)) {
      throw new ProtocolError('a pipeline needs "requests"')
    }
    const stream = typeof body.baton === 'string' ? streams.resume(body.baton) : streams.open()
    await streams.acquire(stream)
    // From here to settle() nothing awaits: the pipeline runs as one uninterrupted unit.
    const results: StreamResult[] = body.requests.map((request) => {
      stats.streamRequests++
      if (stream.closed) return failure({ message: 'The stream is closed', code: 'STREAM_CLOSED' })
      try {
        return { type: 'ok', response: handleRequest(stream, request) }
      } catch (err) {
        if (err instanceof SqlError) return failure(err.toProto())
        if (err instanceof ProtocolError) return failure({ message: err.message, code: err.code })
        streams.close(stream)
        throw err
      }
    })
    return { baton: streams.settle(stream), base_url: null, results }
  }

  function failure(error: { message: string; code?: string }): StreamResult {
    stats.errors++
    return { type: 'error', error }
  }

  function authorized(req: IncomingMessage): boolean {
    if (!options.authToken) return true
    const header = req.headers.authorization ?? ''
    const given = Buffer.from(header.replace(/^Bearer\s+/i, ''))
    const expected = Buffer.from(options.authToken)
    return /^Bearer\s/i.test(header) && given.length === expected.length && timingSafeEqual(given, expected)
  }

  const server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://localhost').pathname
    try {
      if (req.method === 'GET' && path === '/health') return send(res, 200, 'ok')
      // Turso answers a missing or wrong token with 401 and a JSON error.
      if (!authorized(req)) return sendJson(res, 401, { error: 'Unauthorized' })
      if (req.method === 'GET' && (path === '/v2' || path === '/')) return send(res, 200, 'libSQL Hrana v2 over HTTP')
      if (path === '/v2/pipeline') {
        if (req.method !== 'POST') return send(res, 405, 'Use POST')
        stats.pipelineRequests++
        const body = JSON.parse(await readBody(req)) as PipelineRequest
        return sendJson(res, 200, await runPipeline(body))
      }
      if (req.method === 'GET' && path === '/_stats') return sendJson(res, 200, stats)
      if (req.method === 'POST' && path === '/_stats/reset') {
        Object.assign(stats, { pipelineRequests: 0, streamRequests: 0, errors: 0 })
        return send(res, 204, '')
      }
      return send(res, 404, 'Not found')
    } catch (err) {
      stats.errors++
      if (err instanceof ProtocolError) {
        return sendJson(res, err.status, { message: err.message, code: err.code })
      }
      if (err instanceof SyntaxError) return sendJson(res, 400, { message: 'The body is not valid JSON', code: 'PROTOCOL_ERROR' })
      if (err instanceof BodyTooLarge) return sendJson(res, 413, { message: err.message, code: 'PROTOCOL_ERROR' })
      console.error('libsql-server: internal error', err)
      return sendJson(res, 500, { message: 'Internal server error', code: 'INTERNAL_ERROR' })
    }
  })

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, options.host ?? '127.0.0.1', () => resolve())
  })
  const port = (server.address() as AddressInfo).port
  const host = options.host ?? '127.0.0.1'

  let closing: Promise<void> | undefined
  return {
    url: `http://${host.includes(':') ? `[${host}]` : host}:${port}`,
    port,
    stats,
    close() {
      closing ??= new Promise<void>((resolve) => {
        streams.closeAll()
        server.close(() => {
          db.close()
          resolve()
        })
        // Keep-alive connections would hold the port open; an outage test needs it gone now.
        server.closeAllConnections()
      })
      return closing
    },
  }
}

class BodyTooLarge extends Error {}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    let size = 0
    req.on('data', (chunk: Buffer) => {
      size += chunk.length
      if (size > MAX_BODY_BYTES) {
        reject(new BodyTooLarge(`The body is larger than ${MAX_BODY_BYTES} bytes`))
        req.destroy()
      } else chunks.push(chunk)
    })
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

function send(res: ServerResponse, status: number, text: string) {
  res.writeHead(status, { 'content-type': 'text/plain' }).end(text)
}

function sendJson(res: ServerResponse, status: number, body: unknown) {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body))
}
