// npm run bench — weight, database round trips and relative throughput of every page and endpoint
// in targets.ts, against the real local stack (wrangler dev + local libSQL, seeded).
import { startLocalStack } from '../lib/stack'
import { countRoundTrips, measureThroughput, measureWeight } from './measure'
import { BASELINE, TARGETS } from './targets'

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`

const stack = await startLocalStack({ seed: true })
try {
  const statsUrl = `${stack.database.url}/_stats`
  const urlOf = (path: string) => new URL(path, stack.appUrl).toString()
  // Warm up: the first requests compile the Worker and fill caches.
  for (const t of [BASELINE, ...TARGETS]) await measureThroughput(urlOf(t.path), 20, 2)

  const baseline = await measureThroughput(urlOf(BASELINE.path))
  const rows = []
  for (const target of [BASELINE, ...TARGETS]) {
    const url = urlOf(target.path)
    const weight = await measureWeight(url, target.status ?? 200)
    const roundTrips = await countRoundTrips(url, statsUrl)
    const throughput = target === BASELINE ? baseline : await measureThroughput(url)
    rows.push({
      target: target.name,
      path: target.path,
      'html': kb(weight.htmlBytes),
      'html gz': kb(weight.htmlGzip),
      'js+css': weight.assets ? `${kb(weight.assetBytes)} (${weight.assets})` : '-',
      'js+css gz': weight.assets ? kb(weight.assetGzip) : '-',
      'db round trips': roundTrips,
      'throughput vs baseline': `${(throughput / baseline).toFixed(2)}x`,
    })
  }
  console.log('\nMediConnect benchmarks (local stack: wrangler dev + libSQL over HTTP)')
  console.table(rows)
} finally {
  await stack.stop()
}
