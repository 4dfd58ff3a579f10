import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { createClient } from '@libsql/client'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startLibsqlServer, type LibsqlServer } from '../../scripts/libsql-server/server'
import { migrateDatabase } from '../../scripts/lib/migrate'
import { localSecrets } from '../../scripts/lib/local-secrets'
import { seedDatabase } from '../../scripts/lib/seed'
import { seedLarge } from '../../scripts/lib/seed-large'

let dir: string
let server: LibsqlServer

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mediconnect-migrate-'))
  server = await startLibsqlServer({ path: join(dir, 'db.sqlite'), port: 0 })
})
afterAll(async () => {
  await server?.close()
  await rm(dir, { recursive: true, force: true })
})

describe('db:migrate and db:seed', () => {
  it('applies every migration once; a second run is a no-op', async () => {
    const first = await migrateDatabase({ url: server.url })
    expect(first.applied).toBeGreaterThan(0)
    expect(first.total).toBe(first.applied)
    const second = await migrateDatabase({ url: server.url })
    expect(second).toEqual({ applied: 0, total: first.total })
  })

  it('seeds the demo accounts once, with appointments in every status', async () => {
    await migrateDatabase({ url: server.url })
    expect((await seedDatabase({ url: server.url }, localSecrets().ENCRYPTION_KEYS)).seeded).toBe(true)
    expect((await seedDatabase({ url: server.url }, localSecrets().ENCRYPTION_KEYS)).seeded).toBe(false)

    const client = createClient({ url: server.url })
    const emails = await client.execute("select email from users where email in ('admin@demo.test', 'dr.ada@demo.test', 'pat.sam@demo.test')")
    expect(emails.rows).toHaveLength(3)
    const statuses = await client.execute('select distinct status from appointments order by status')
    expect(statuses.rows.map((r) => r.status)).toEqual(['cancelled', 'completed', 'confirmed', 'no_show', 'pending', 'rejected'])
    const doctors = await client.execute('select status, count(*) as n from doctors group by status order by status')
    expect(doctors.rows.map((r) => [r.status, Number(r.n)])).toEqual([['pending', 1], ['verified', 5]])
    client.close()
  })

  it('db:seed:large adds the platform at scale once, beside the demo data', async () => {
    await migrateDatabase({ url: server.url })
    const first = await seedLarge({ url: server.url })
    expect(first).toEqual({ seeded: true, counts: { clinics: 10, users: 20_000, doctors: 200, appointments: 100_000, audit_rows: 109_500 } })
    expect((await seedLarge({ url: server.url })).seeded).toBe(false)
    const client = createClient({ url: server.url })
    // Each doctor's seeded visits never overlap: the no-double-booking index holds.
    const live = await client.execute("select count(*) as n from (select doctor_id, start_at from appointments where status in ('pending', 'confirmed') and reason = 'Seeded visit' group by 1, 2 having count(*) > 1)")
    expect(Number(live.rows[0]!.n)).toBe(0)
    const clinics = await client.execute("select count(distinct clinic_id) as n from doctors where clinic_id is not null and license_number like 'SEED-%'")
    expect(Number(clinics.rows[0]!.n)).toBe(10)
    client.close()
  })
})
