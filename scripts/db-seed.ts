// npm run db:seed — demo accounts and data (README lists them). Does nothing if already seeded.
import { databaseTarget } from './lib/local-config'
import { DEMO_PASSWORD, seedDatabase } from './lib/seed'

const target = databaseTarget()
const result = await seedDatabase(target)
if (!result.seeded) console.log(`seed: ${target.url} already has the demo data`)
else {
  console.log(`seed: created ${JSON.stringify(result.counts)} in ${target.url}`)
  console.log(`seed: every demo account's password is "${DEMO_PASSWORD}"`)
}
