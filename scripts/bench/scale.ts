// The admin console at scale (issue 17): npm run db:seed:large's 100,000 appointments, 20,000
// users and a year of audit rows added to the bench's database, then every admin page's round
// trips; the last page of each table against its first (keyset paging: the same cost, reported
// as a ratio); the dashboard and each report; and a CSV export of every appointment, streamed.
import { toBase64Url } from '../../src/lib/encoding'
import { seedLarge } from '../lib/seed-large'
import { countRoundTrips, measureThroughput } from './measure'

type Table = { name: string; page: string; api: string; sortValue: (item: Record<string, unknown>) => number }

// Each table's newest-first page, and the API that finds its far end (oldest first).
const TABLES: Table[] = [
  { name: 'users', page: '/admin/users?sort=created&dir=desc', api: '/api/v1/admin/users?sort=created&dir=asc', sortValue: (u) => Date.parse(String(u.created_at)) },
  { name: 'appointments', page: '/admin/appointments?sort=start&dir=desc', api: '/api/v1/admin/appointments?sort=start&dir=asc', sortValue: (a) => Date.parse(String(a.start)) },
  { name: 'doctors', page: '/admin/doctors?status=all&sort=applied&dir=desc', api: '/api/v1/admin/doctors?status=all&sort=applied&dir=asc', sortValue: (d) => Date.parse(String(d.applied_at)) },
]

const REPORTS = ['utilisation', 'outcomes', 'lead-time', 'new-patients']

export async function adminAtScale(database: { url: string }, urlOf: (path: string) => string, statsUrl: string, init: RequestInit) {
  const seeded = await seedLarge(database)
  const get = async (path: string) => (await (await fetch(urlOf(path), init)).json()) as { items: Record<string, unknown>[]; next_cursor: string | null }
  const ratio = async (first: string, last: string) => {
    await measureThroughput(urlOf(first), 10, 2, init)
    await measureThroughput(urlOf(last), 10, 2, init)
    const a = await measureThroughput(urlOf(first), 100, 4, init)
    const b = await measureThroughput(urlOf(last), 100, 4, init)
    return `${(b / a).toFixed(2)}x`
  }
  const tables = []
  for (const table of TABLES) {
    // The last page newest-first starts after the 51st-oldest row: the first row of the
    // oldest-first list's second page.
    const firstAsc = await get(table.api)
    const secondAsc = await get(`${table.api}&cursor=${firstAsc.next_cursor}`)
    const pivot = secondAsc.items[0]!
    const cursor = toBase64Url(new TextEncoder().encode(JSON.stringify({ v: table.sortValue(pivot), id: pivot.id })))
    const last = `${table.page}&cursor=${cursor}`
    tables.push({ table: table.name, 'db round trips (first, last page)': `${await countRoundTrips(urlOf(table.page), statsUrl, init)}, ${await countRoundTrips(urlOf(last), statsUrl, init)}`, 'last page throughput vs first': await ratio(table.page, last) })
  }
  // The audit log pages by time alone (newest first): its far end is a cursor a year back.
  const yearAgo = toBase64Url(new TextEncoder().encode(JSON.stringify({ v: Date.now() - 364 * 86_400_000, id: 'aud_' })))
  tables.push({ table: 'audit log', 'db round trips (first, last page)': `${await countRoundTrips(urlOf('/admin/audit'), statsUrl, init)}, ${await countRoundTrips(urlOf(`/admin/audit?cursor=${yearAgo}`), statsUrl, init)}`, 'last page throughput vs first': await ratio('/admin/audit', `/admin/audit?cursor=${yearAgo}`) })

  const from = new Date(Date.now() - 364 * 86_400_000).toISOString().slice(0, 10)
  const pages = [
    { page: 'dashboard', path: '/admin' },
    { page: 'users, searched', path: '/admin/users?q=okafor' },
    { page: 'appointments, searched', path: '/admin/appointments?q=okafor' },
    { page: 'doctors, licences lapsing', path: '/admin/doctors?status=verified&licence=expiring' },
    { page: 'audit log, one person', path: `/admin/audit?actor=${(await get('/api/v1/admin/users?role=patient')).items[0]!.id}` },
    ...REPORTS.map((r) => ({ page: `report: ${r}, a year`, path: `/admin/reports?report=${r}&from=${from}&by=${r === 'outcomes' ? 'specialty' : 'week'}` })),
  ]
  const pageRows = []
  for (const p of pages) pageRows.push({ page: p.page, 'db round trips': await countRoundTrips(urlOf(p.path), statsUrl, init) })

  // Every appointment as CSV: read chunk by chunk as it arrives.
  const started = performance.now()
  const res = await fetch(urlOf('/api/v1/admin/appointments.csv'), init)
  const reader = res.body!.getReader()
  let firstByteMs = 0
  let bytes = 0
  let lines = 0
  let chunks = 0
  for (;;) {
    const { done, value } = await reader.read()
    if (done) break
    if (!firstByteMs) firstByteMs = performance.now() - started
    chunks++
    bytes += value.length
    for (const b of value) if (b === 10) lines++
  }
  const totalMs = performance.now() - started
  const csv = { rows: lines - 1, size: `${(bytes / 1024 / 1024).toFixed(1)} MB`, chunks, 'content-length sent': res.headers.get('content-length') ?? 'no (streamed)', 'first byte at': `${((firstByteMs / totalMs) * 100).toFixed(1)} % of the whole download` }
  return { seeded: seeded.seeded ? seeded.counts : 'already there', tables, pageRows, csv }
}
