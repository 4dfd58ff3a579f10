import { argon2idAsync } from '@noble/hashes/argon2.js'
import { fromBase64Url, timingSafeEqual, toBase64Url } from './encoding'

// Argon2id at OWASP's recommended minimum (m = 19 MiB, t = 2, p = 1). Deployed Workers refuse
// PBKDF2 above 100,000 iterations, far below OWASP's bar, and cannot compile WebAssembly at run
// time, so this is @noble/hashes' audited pure-JS Argon2id. The parameters are stored with each
// hash ("argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>") so they can be raised later:
// `needsRehash` tells the login path to store a fresh hash.
export const PASSWORD_PARAMS = { m: 19_456, t: 2, p: 1 } as const
const SALT_BYTES = 16
const HASH_BYTES = 32

type Params = { m: number; t: number; p: number }

async function derive(password: string, salt: Uint8Array, params: Params, dkLen: number) {
  return argon2idAsync(password.normalize('NFKC'), salt, { ...params, dkLen })
}

export async function hashPassword(password: string): Promise<string> {
  const salt = crypto.getRandomValues(new Uint8Array(SALT_BYTES))
  const hash = await derive(password, salt, PASSWORD_PARAMS, HASH_BYTES)
  const { m, t, p } = PASSWORD_PARAMS
  return `argon2id$v=19$m=${m},t=${t},p=${p}$${toBase64Url(salt)}$${toBase64Url(hash)}`
}

function parse(stored: string) {
  const match = /^argon2id\$v=19\$m=(\d+),t=(\d+),p=(\d+)\$([\w-]+)\$([\w-]+)$/.exec(stored)
  if (!match) return undefined
  const [, m, t, p, salt, hash] = match
  return {
    params: { m: Number(m), t: Number(t), p: Number(p) },
    salt: fromBase64Url(salt!),
    hash: fromBase64Url(hash!),
  }
}

// A dummy hash with the current parameters: verifying against it when an account does not exist
// makes an unknown email cost the same time as a wrong password.
let dummyHash: Promise<string> | undefined

export async function verifyPassword(password: string, stored: string | null | undefined) {
  const parsed = parse(stored ?? (await (dummyHash ??= hashPassword('not a real password'))))
  if (!parsed) return false
  const candidate = await derive(password, parsed.salt, parsed.params, parsed.hash.length)
  return timingSafeEqual(candidate, parsed.hash) && stored != null
}

export function needsRehash(stored: string): boolean {
  const parsed = parse(stored)
  if (!parsed) return true
  const { m, t, p } = parsed.params
  return m !== PASSWORD_PARAMS.m || t !== PASSWORD_PARAMS.t || p !== PASSWORD_PARAMS.p
}
