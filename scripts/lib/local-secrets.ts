import { existsSync, readFileSync, writeFileSync, mkdirSync } from 'node:fs'
import { dirname } from 'node:path'
import { randomBytes } from 'node:crypto'

export type LocalSecrets = { SESSION_SECRET: string; ENCRYPTION_KEYS: string }

// Fresh random secrets for a local run. With a file, they are made once and kept there (git-ignored
// under .data/), so sessions and encrypted fields survive a restart of `npm run dev`.
export function localSecrets(file?: string): LocalSecrets {
  if (file && existsSync(file)) return JSON.parse(readFileSync(file, 'utf8')) as LocalSecrets
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
  }
  if (file) {
    mkdirSync(dirname(file), { recursive: true })
    writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 })
  }
  return secrets
}
