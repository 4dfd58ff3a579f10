import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname } from 'node:path'
import { generateKeyPairSync, randomBytes } from 'node:crypto'

export type LocalSecrets = { SESSION_SECRET: string; ENCRYPTION_KEYS: string; VAPID_PUBLIC_KEY: string; VAPID_PRIVATE_KEY: string }

// A Web Push (VAPID, RFC 8292) key pair on P-256: the public key as the uncompressed point and
// the private key as the JWK "d", both base64url, as browsers and the push library take them.
export function vapidKeys() {
  const jwk = generateKeyPairSync('ec', { namedCurve: 'prime256v1' }).privateKey.export({ format: 'jwk' })
  const point = Buffer.concat([Buffer.from([4]), Buffer.from(jwk.x!, 'base64url'), Buffer.from(jwk.y!, 'base64url')])
  return { VAPID_PUBLIC_KEY: point.toString('base64url'), VAPID_PRIVATE_KEY: jwk.d! }
}

// Fresh random secrets for a local run. With a file, they are made once and kept there as an
// .env file (git-ignored under .data/, readable only by you), so sessions and encrypted fields
// survive a restart of `npm run dev`; wrangler dev reads the file with --env-file, which keeps
// the secrets off its command line.
export function localSecrets(file?: string): LocalSecrets {
  if (file && existsSync(file)) {
    const kept = parseEnv(readFileSync(file, 'utf8'))
    if (kept.VAPID_PUBLIC_KEY && kept.VAPID_PRIVATE_KEY) return kept
    // A file from before push: the same secrets, with push keys added.
    const upgraded = { ...kept, ...vapidKeys() }
    writeSecretsFile(file, upgraded)
    return upgraded
  }
  const secrets = {
    SESSION_SECRET: randomBytes(32).toString('base64url'),
    ENCRYPTION_KEYS: `k1:${randomBytes(32).toString('base64url')}`,
    ...vapidKeys(),
  }
  if (file) writeSecretsFile(file, secrets)
  return secrets
}

export function writeSecretsFile(file: string, secrets: LocalSecrets) {
  mkdirSync(dirname(file), { recursive: true })
  const lines = Object.entries(secrets).map(([key, value]) => `${key}=${value}`)
  writeFileSync(file, `${lines.join('\n')}\n`, { mode: 0o600 })
}

function parseEnv(text: string): LocalSecrets {
  const values = Object.fromEntries(
    text
      .split('\n')
      .filter((line) => /^[A-Z_]+=/.test(line))
      .map((line) => [line.slice(0, line.indexOf('=')), line.slice(line.indexOf('=') + 1)]),
  )
  if (!values.SESSION_SECRET || !values.ENCRYPTION_KEYS) throw new Error('the local secrets file is incomplete; delete it to make a new one')
  return values as LocalSecrets
}
