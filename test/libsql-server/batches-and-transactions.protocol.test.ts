import { describe, expect, it } from 'vitest'
import { rejection, useServer } from '../helpers/libsql-server'

const db = useServer()
let tableNumber = 0
async function freshTable() {
  const name = `t${++tableNumber}`
  await db.client().execute(`create table ${name} (id integer primary key, v text unique)`)
  return name
}
const count = async (table: string) => (await db.client().execute(`select count(*) as n from ${table}`)).rows[0]!.n

describe('batches', () => {
  it.each(['write', 'deferred'] as const)('commits every step in %s mode', async (mode) => {
    const table = await freshTable()
    const results = await db.client().batch([`insert into ${table} (v) values ('a')`, `insert into ${table} (v) values ('b')`, `select v from ${table} order by v`], mode)
    expect(results[2]!.rows.map((r) => r.v)).toEqual(['a', 'b'])
    expect(await count(table)).toBe(2n)
  })

  it.each(['write', 'deferred'] as const)('rolls back every step when one fails in %s mode', async (mode) => {
    const table = await freshTable()
    const err = await rejection(db.client().batch([`insert into ${table} (v) values ('a')`, `insert into ${table} (v) values ('a')`], mode))
    expect(err.code).toBe('SQLITE_CONSTRAINT')
    expect(await count(table)).toBe(0n)
  })

  it('runs reads in "read" mode and refuses writes there', async () => {
    const table = await freshTable()
    await db.client().execute(`insert into ${table} (v) values ('x')`)
    const [result] = await db.client().batch([`select v from ${table}`], 'read')
    expect(result!.rows[0]!.v).toBe('x')
    const err = await rejection(db.client().batch([`insert into ${table} (v) values ('y')`], 'read'))
    expect(err.code).toBe('SQLITE_READONLY')
    expect(await count(table)).toBe(1n)
  })
})

describe('interactive transactions', () => {
  it('commits', async () => {
    const table = await freshTable()
    const tx = await db.client().transaction('write')
    await tx.execute(`insert into ${table} (v) values ('kept')`)
    expect((await tx.execute(`select count(*) as n from ${table}`)).rows[0]!.n).toBe(1n)
    await tx.commit()
    expect(await count(table)).toBe(1n)
  })

  it('rolls back', async () => {
    const table = await freshTable()
    const tx = await db.client().transaction('write')
    await tx.execute(`insert into ${table} (v) values ('dropped')`)
    await tx.rollback()
    expect(await count(table)).toBe(0n)
  })

  it('makes another client wait until the transaction ends, then runs it', async () => {
    const table = await freshTable()
    const events: string[] = []
    const tx = await db.client().transaction('write')
    await tx.execute(`insert into ${table} (v) values ('first')`)
    const other = db
      .client()
      .execute(`insert into ${table} (v) values ('second')`)
      .then(() => events.push('other done'))
    // Give the other request every chance to run early; it must not.
    for (let i = 0; i < 5; i++) await tx.execute('select 1')
    events.push('commit')
    await tx.commit()
    await other
    expect(events).toEqual(['commit', 'other done'])
    expect(await count(table)).toBe(2n)
  })
})

describe('concurrent streams', () => {
  it('serves 50 concurrent writes from several clients without losing one', async () => {
    const table = await freshTable()
    const clients = [db.client(), db.client(), db.client(), db.client()]
    await Promise.all(Array.from({ length: 50 }, (_, i) => clients[i % 4]!.execute({ sql: `insert into ${table} (v) values (?)`, args: [`v${i}`] })))
    expect(await count(table)).toBe(50n)
  })

  it('lets exactly one of many concurrent batches claim a unique value', async () => {
    const table = await freshTable()
    const attempts = await Promise.allSettled(
      Array.from({ length: 20 }, () => db.client().batch([`insert into ${table} (v) values ('only-one')`], 'write')),
    )
    expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1)
    expect(attempts.filter((a) => a.status === 'rejected').every((a) => (a as PromiseRejectedResult).reason.code === 'SQLITE_CONSTRAINT')).toBe(true)
  })
})
