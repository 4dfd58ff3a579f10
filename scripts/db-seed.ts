// npm run db:seed — demo accounts and data (README lists them). Does nothing if already seeded.
import { dirname, join } from 'node:path'
import { databaseTarget, localConfig } from './lib/local-config'
import { localSecrets } from './lib/local-secrets'
import { DEMO_PASSWORD, seedDatabase } from './lib/seed'

const target = databaseTarget()
// The keys the Worker will decrypt with: the environment's, or the local stack's secrets file.
const encryptionKeys = process.env.ENCRYPTION_KEYS ?? localSecrets(join(dirname(localConfig.databasePath), 'secrets.env')).ENCRYPTION_KEYS
const result = await seedDatabase(target, encryptionKeys)
if (!result.seeded) console.log(`seed: ${target.url} already has the demo data`)
else {
  console.log(`seed: created ${JSON.stringify(result.counts)} in ${target.url}`)
  console.log(`seed: every demo account's password is "${DEMO_PASSWORD}"`)
}
