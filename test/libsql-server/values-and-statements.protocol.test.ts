import { describe, expect, it } from 'vitest'
import { rejection, useServer } from '../helpers/libsql-server'

const db = useServer()

describe('values', () => {
  it('round-trips every SQLite type, with integers beyond 2^53 as bigint', async () => {
    const client = db.client()
    await client.execute('create table v (i integer, f real, t text, b blob, n)')
    const big = 2n ** 62n + 7n
    await client.execute({ sql: 'insert into v values (?, ?, ?, ?, ?)', args: [big, 2.5, 'grüße ✓ 日本', new Uint8Array([0, 255, 7]), null] })
    await client.execute({ sql: 'insert into v values (?, ?, ?, ?, ?)', args: [-42n, 2, '', new Uint8Array([]), null] })
    const { rows } = await client.execute('select i, f, t, b, n, typeof(f) as ft from v order by rowid')
    expect(rows[0]!.i).toBe(big)
    expect(rows[0]!.f).toBe(2.5)
    expect(rows[0]!.t).toBe('grüße ✓ 日本')
    expect(new Uint8Array(rows[0]!.b as ArrayBuffer)).toEqual(new Uint8Array([0, 255, 7]))
    expect(rows[0]!.n).toBeNull()
    expect(rows[1]!.i).toBe(-42n)
    // A JavaScript number is sent as a float, and stays a REAL even when it is whole.
    expect(rows[1]!.ft).toBe('real')
    expect(rows[1]!.f).toBe(2)
  })

  it('gives plain numbers in intMode "number"', async () => {
    const client = db.client({ intMode: 'number' })
    const { rows } = await client.execute('select 9007199254740991 as max_safe, 3 as three')
    expect(rows[0]).toMatchObject({ max_safe: 9007199254740991, three: 3 })
  })
})

describe('arguments', () => {
  it('binds positional and numbered arguments', async () => {
    const { rows } = await db.client().execute({ sql: 'select ? as a, ?3 as c, ?2 as b', args: ['x', 'y', 'z'] })
    expect(rows[0]).toMatchObject({ a: 'x', b: 'y', c: 'z' })
  })

  it('binds named arguments with each prefix', async () => {
    const { rows } = await db.client().execute({ sql: 'select :a as a, @b as b, $c as c', args: { a: 'one', b: 'two', c: 'three' } })
    expect(rows[0]).toMatchObject({ a: 'one', b: 'two', c: 'three' })
  })
})

describe('statement results', () => {
  it('reports columns, declared types, affected rows and the last rowid', async () => {
    const client = db.client()
    await client.execute('create table r (id integer primary key, name text not null)')
    const insert = await client.execute({ sql: 'insert into r (name) values (?), (?)', args: ['a', 'b'] })
    expect(insert.rowsAffected).toBe(2)
    expect(insert.lastInsertRowid).toBe(2n)
    const select = await client.execute('select id, name from r order by id')
    expect(select.columns).toEqual(['id', 'name'])
    expect(select.columnTypes).toEqual(['INTEGER', 'TEXT'])
    const update = await client.execute("update r set name = 'c'")
    expect(update.rowsAffected).toBe(2)
  })

  // As Turso: a statement that inserted nothing reports no rowid (the client says undefined).
  it('reports a last rowid only for a statement that inserted a row', async () => {
    const client = db.client()
    await client.execute('create table lr (id integer primary key, name text)')
    expect((await client.execute("insert into lr (name) values ('a')")).lastInsertRowid).toBe(1n)
    expect((await client.execute("update lr set name = 'b'")).lastInsertRowid).toBeUndefined()
    expect((await client.execute('select * from lr')).lastInsertRowid).toBeUndefined()
    expect((await client.execute("insert into lr (name) select 'c' where 0")).lastInsertRowid).toBeUndefined()
    expect((await client.execute("delete from lr where name = 'nobody'")).lastInsertRowid).toBeUndefined()
    expect((await client.execute("insert into lr (name) values ('d') returning id")).lastInsertRowid).toBe(2n)
  })

  it('returns the rows of INSERT … RETURNING with the rows it changed', async () => {
    const client = db.client()
    await client.execute('create table ret (id integer primary key, name text)')
    const result = await client.execute({ sql: 'insert into ret (name) values (?), (?) returning id, name', args: ['p', 'q'] })
    expect(result.rows.map((r) => r.name)).toEqual(['p', 'q'])
    expect(result.rowsAffected).toBe(2)
    const read = await client.execute('select * from ret')
    expect(read.rowsAffected).toBe(0)
  })

  it('runs several statements as a sequence (executeMultiple)', async () => {
    const client = db.client()
    await client.executeMultiple('create table seq (x); insert into seq values (1); insert into seq values (2);')
    expect((await client.execute('select count(*) as n from seq')).rows[0]!.n).toBe(2n)
  })
})

describe('errors', () => {
  it('reports each constraint violation as SQLITE_CONSTRAINT naming the constraint', async () => {
    const client = db.client()
    await client.executeMultiple(`
      create table parent (id integer primary key);
      create table child (id integer primary key, email text unique, n integer not null check (n > 0), parent_id integer references parent(id));
      insert into parent values (1);
      insert into child values (1, 'a@x', 1, 1);`)
    const cases: [string, RegExp][] = [
      ["insert into child values (2, 'a@x', 1, 1)", /UNIQUE constraint failed: child\.email/],
      ["insert into child values (1, 'b@x', 1, 1)", /UNIQUE constraint failed: child\.id/],
      ["insert into child values (3, 'c@x', null, 1)", /NOT NULL constraint failed: child\.n/],
      ["insert into child values (4, 'd@x', 0, 1)", /CHECK constraint failed/],
      ["insert into child values (5, 'e@x', 1, 99)", /FOREIGN KEY constraint failed/],
    ]
    for (const [sql, message] of cases) {
      const err = await rejection(client.execute(sql))
      expect(err.code).toBe('SQLITE_CONSTRAINT')
      expect(err.message).toMatch(message)
    }
  })

  it('reports a syntax error as SQLITE_ERROR and keeps serving', async () => {
    const client = db.client()
    const err = await rejection(client.execute('selec 1'))
    expect(err.code).toBe('SQLITE_ERROR')
    expect(err.message).toMatch(/syntax error/)
    expect((await client.execute('select 1 as one')).rows[0]!.one).toBe(1n)
  })
})
