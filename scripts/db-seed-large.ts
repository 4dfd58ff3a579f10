// npm run db:seed:large — the admin console at scale (scripts/lib/seed-large.ts): 20,000 users,
// 200 doctors in 10 clinics, 100,000 appointments and a year of audit rows. Once per database.
import { databaseTarget } from './lib/local-config'
import { seedLarge } from './lib/seed-large'

const target = databaseTarget()
const started = performance.now()
const result = await seedLarge(target, new Date(), console.log)
if (!result.seeded) console.log(`seed:large: ${target.url} already has the large data set`)
else console.log(`seed:large: created ${JSON.stringify(result.counts)} in ${target.url} in ${((performance.now() - started) / 1000).toFixed(0)} s`)
