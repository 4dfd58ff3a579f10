// npm run db:server -- [--port 8080] [--db .data/mediconnect.db | :memory:] [--token SECRET]
// The local libSQL server alone, for pointing other tools (drizzle-kit, a second checkout) at it.
import { mkdir } from 'node:fs/promises'
import { dirname } from 'node:path'
import { parseArgs } from 'node:util'
import { localConfig } from '../lib/local-config'
import { startLibsqlServer } from './server'

const { values } = parseArgs({
  options: {
    port: { type: 'string', default: String(localConfig.databasePort) },
    db: { type: 'string', default: localConfig.databasePath },
    token: { type: 'string' },
    host: { type: 'string', default: '127.0.0.1' },
  },
})

if (values.db !== ':memory:') await mkdir(dirname(values.db), { recursive: true })
const server = await startLibsqlServer({
  path: values.db,
  port: Number(values.port),
  host: values.host,
  authToken: values.token,
})
console.log(`libSQL (Hrana v2 over HTTP) on ${server.url}, database ${values.db}${values.token ? ', token required' : ''}`)

const stop = () => void server.close().then(() => process.exit(0))
process.on('SIGINT', stop)
process.on('SIGTERM', stop)
