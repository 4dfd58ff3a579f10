// One naming scheme for test files, checked by `npm test`: <subject>.<surface>.test.ts, where the
// surface says how the test reaches the code. A file named otherwise fails the run (rather than
// being silently left out of a project's include pattern).
import { readdirSync } from 'node:fs'
import { join } from 'node:path'

const SURFACES = {
  unit: 'functions called directly (pure rules, a Durable Object through runInDurableObject)',
  queries: 'SQL against the local libSQL server',
  api: 'the JSON API over HTTP',
  routes: 'pages and htmx fragments over HTTP',
  http: 'pages and the API together, or middleware through a small app',
  socket: 'a Durable Object through its WebSocket',
  protocol: "the local libSQL server's Hrana protocol through @libsql/client",
  stack: 'the whole local stack (wrangler dev + libSQL) from outside',
  browser: 'Chromium through playwright-core',
}

const files = (dir) => readdirSync(dir, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? files(join(dir, e.name)) : [join(dir, e.name)]))
const pattern = new RegExp(`\\.(${Object.keys(SURFACES).join('|')})\\.test\\.tsx?$`)
const misnamed = files('test').filter((f) => /\.test\.tsx?$/.test(f) && !pattern.test(f))
if (misnamed.length) {
  console.error(`✖ test files must be named <subject>.<surface>.test.ts, the surface one of:\n${Object.entries(SURFACES).map(([s, what]) => `  ${s}: ${what}`).join('\n')}\n\nmisnamed:\n${misnamed.map((f) => `  ${f}`).join('\n')}`)
  process.exit(1)
}
console.log(`✔ ${files('test').filter((f) => pattern.test(f)).length} test files follow <subject>.<surface>.test.ts`)
