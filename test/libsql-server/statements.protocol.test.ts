import { createClient } from '@libsql/client'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { startLibsqlServer } from '../../scripts/libsql-server/server'
import { rejection, useServer } from '../helpers/libsql-server'

const db = useServer({ streamIdleMs: 300 })
const execute = (sql: string, extra: Record<string, unknown> = {}) => ({ type: 'execute', stmt: { sql, ...extra } })

describe('Hrana pipeline', () => {
  it('answers the v2 version check and the health check', async () => {
    expect((await fetch(`${db.server().url}/v2`)).status).toBe(200)
    expect((await fetch(`${db.server().url}/health`)).status).toBe(200)
    expect((await fetch(`${db.server().url}/v3`)).status).toBe(404)
  })

  it('executes stored SQL by id and forgets it when closed', async () => {
    const { status, body } = await db.pipeline({
      baton: null,
      requests: [
        { type: 'store_sql', sql_id: 1, sql: 'select ? + 1 as n' },
        { type: 'execute', stmt: { sql_id: 1, args: [{ type: 'integer', value: '41' }] } },
        { type: 'close_sql', sql_id: 1 },
        { type: 'execute', stmt: { sql_id: 1 } },
        { type: 'close' },
      ],
    })
    expect(status).toBe(200)
    expect(body.results[1].response.result.rows).toEqual([[{ type: 'integer', value: '42' }]])
    expect(body.results[3]).toMatchObject({ type: 'error', error: { code: 'SQL_NOT_FOUND' } })
    expect(body.baton).toBeNull()
  })

  it('describes parameters, columns and whether a statement only reads', async () => {
    const { body } = await db.pipeline({
      baton: null,
      requests: [
        { type: 'describe', sql: "select :a as x, ? as y, 'it''s :not' as z -- :neither" },
        { type: 'sequence', sql: 'create table d (id integer primary key)' },
        { type: 'describe', sql: 'insert into d (id) values (?1)' },
        { type: 'describe', sql: 'explain select 1' },
        { type: 'close' },
      ],
    })
    const select = body.results[0].response.result
    expect(select.params).toEqual([{ name: ':a' }, { name: null }])
    expect(select.cols.map((c: { name: string }) => c.name)).toEqual(['x', 'y', 'z'])
    expect(select.is_readonly).toBe(true)
    expect(body.results[2].response.result).toMatchObject({ params: [{ name: '?1' }], is_readonly: false, is_explain: false })
    expect(body.results[3].response.result.is_explain).toBe(true)
  })

  it('runs batch conditions, including a rollback step for a failed one', async () => {
    const { body } = await db.pipeline({
      baton: null,
      requests: [
        {
          type: 'batch',
          batch: {
            steps: [
              { stmt: { sql: 'begin' } },
              { condition: { type: 'ok', step: 0 }, stmt: { sql: 'create table bc (x)' } },
              { condition: { type: 'ok', step: 1 }, stmt: { sql: 'selec nonsense' } },
              { condition: { type: 'ok', step: 2 }, stmt: { sql: 'commit' } },
              { condition: { type: 'not', cond: { type: 'ok', step: 3 } }, stmt: { sql: 'rollback' } },
              { condition: { type: 'is_autocommit' }, stmt: { sql: "select name from sqlite_master where name = 'bc'" } },
            ],
          },
        },
        { type: 'get_autocommit' },
        { type: 'close' },
      ],
    })
    const result = body.results[0].response.result
    expect(result.step_errors[2]).toMatchObject({ code: 'SQLITE_ERROR' })
    expect(result.step_results[3]).toBeNull()
    expect(result.step_results[4]).not.toBeNull()
    expect(result.step_results[5].rows).toEqual([])
    expect(body.results[1].response.is_autocommit).toBe(true)
  })

  it('keeps a stream open across requests with a fresh baton each time, and refuses a spent one', async () => {
    const first = await db.pipeline({ baton: null, requests: [execute('create temp table mine (x)')] })
    expect(first.body.baton).toEqual(expect.any(String))
    const second = await db.pipeline({ baton: first.body.baton, requests: [execute('insert into mine values (1)'), execute('select count(*) from mine')] })
    expect(second.body.results[1].response.result.rows).toEqual([[{ type: 'integer', value: '1' }]])
    expect(second.body.baton).not.toBe(first.body.baton)
    const replay = await db.pipeline({ baton: first.body.baton, requests: [execute('select 1')] })
    expect(replay.status).toBe(400)
    expect(replay.body.code).toBe('STREAM_EXPIRED')
    await db.pipeline({ baton: second.body.baton, requests: [{ type: 'close' }] })
  })

  it('expires an idle stream inside a transaction and rolls it back, so others go on', async () => {
    await db.client().execute('create table idle (x)')
    const open = await db.pipeline({ baton: null, requests: [execute('begin'), execute('insert into idle values (1)')] })
    expect(open.body.baton).toEqual(expect.any(String))
    // This write waits for the abandoned transaction, which expires after streamIdleMs.
    await db.client().execute('insert into idle values (2)')
    const { rows } = await db.client().execute('select x from idle')
    expect(rows.map((r) => r.x)).toEqual([2n])
    const late = await db.pipeline({ baton: open.body.baton, requests: [execute('commit')] })
    expect(late.body.code).toBe('STREAM_EXPIRED')
  })

  it('answers a body that is not JSON with 400', async () => {
    const { status, body } = await db.pipeline('{"baton": nul')
    expect(status).toBe(400)
    expect(body.message).toMatch(/JSON/)
  })

  it('counts pipeline requests for the benchmarks, and resets the count', async () => {
    const stats = `${db.server().url}/_stats`
    await fetch(`${stats}/reset`, { method: 'POST' })
    await db.client().execute('select 1')
    await db.client().batch(['select 1', 'select 2'], 'read')
    expect(((await (await fetch(stats)).json()) as { pipelineRequests: number }).pipelineRequests).toBe(2)
  })
})

describe('bearer token', () => {
  const secured = useServer({ authToken: 'local-token-123' })

  it('serves a client with the right token and refuses others', async () => {
    expect((await secured.client({ authToken: 'local-token-123' }).execute('select 1 as one')).rows[0]!.one).toBe(1n)
    expect((await rejection(secured.client({ authToken: 'wrong' }).execute('select 1'))).code).toBe('SERVER_ERROR')
    expect((await rejection(secured.client().execute('select 1'))).code).toBe('SERVER_ERROR')
    expect((await fetch(`${secured.server().url}/health`)).status).toBe(200)
  })
})

describe('a database file', () => {
  it('keeps its data across a restart of the server', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'libsql-file-'))
    try {
      const path = join(dir, 'db.sqlite')
      const first = await startLibsqlServer({ path, port: 0 })
      const a = createClient({ url: first.url })
      await a.batch(['create table kept (x)', "insert into kept values ('still here')"], 'write')
      a.close()
      await first.close()
      const second = await startLibsqlServer({ path, port: 0 })
      const b = createClient({ url: second.url })
      expect((await b.execute('select x from kept')).rows[0]!.x).toBe('still here')
      b.close()
      await second.close()
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
