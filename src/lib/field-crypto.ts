import { fromBase64Url, toBase64Url } from './encoding'

// AES-256-GCM for fields that must not be readable from the database alone (TOTP secrets, and
// later notes and prescriptions). The key ring comes from a secret binding as
// "kid:base64urlKey[,kid:key…]": the first key encrypts, every listed key decrypts, so a new key
// can be put first and old rows still read. Stored form: "v1.<kid>.<iv>.<ciphertext>".
export type KeyRing = { current: string; keys: Map<string, Promise<CryptoKey>> }

const rings = new Map<string, KeyRing>()

export function parseKeyRing(spec: string): KeyRing {
  const cached = rings.get(spec)
  if (cached) return cached
  const entries = (spec ?? '').split(',').map((part) => part.trim()).filter(Boolean)
  if (entries.length === 0) throw new Error('ENCRYPTION_KEYS is empty')
  const keys = new Map<string, Promise<CryptoKey>>()
  for (const entry of entries) {
    const [kid, encoded] = entry.split(':')
    if (!kid || !/^[A-Za-z0-9_-]{1,16}$/.test(kid) || !encoded) throw new Error('ENCRYPTION_KEYS entries must be "kid:base64urlKey"')
    const raw = fromBase64Url(encoded)
    if (raw.length !== 32) throw new Error(`ENCRYPTION_KEYS key "${kid}" must be 32 bytes`)
    keys.set(kid, crypto.subtle.importKey('raw', raw as Uint8Array<ArrayBuffer>, 'AES-GCM', false, ['encrypt', 'decrypt']))
  }
  const ring = { current: entries[0]!.split(':')[0]!, keys }
  rings.set(spec, ring)
  return ring
}

// The associated data binds a ciphertext to its owner (a user id): copied onto another row, it
// no longer decrypts.
export async function encryptField(ring: KeyRing, plaintext: string, associatedData = ''): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const key = await ring.keys.get(ring.current)!
  const ciphertext = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(associatedData) },
    key,
    new TextEncoder().encode(plaintext),
  )
  return `v1.${ring.current}.${toBase64Url(iv)}.${toBase64Url(new Uint8Array(ciphertext))}`
}

export async function decryptField(ring: KeyRing, stored: string, associatedData = ''): Promise<string> {
  const [version, kid, iv, ciphertext] = stored.split('.')
  if (version !== 'v1' || !kid || !iv || !ciphertext) throw new Error('not an encrypted field')
  const key = ring.keys.get(kid)
  if (!key) throw new Error(`no key "${kid}" to decrypt this field`)
  const plaintext = await crypto.subtle.decrypt(
    { name: 'AES-GCM', iv: fromBase64Url(iv) as Uint8Array<ArrayBuffer>, additionalData: new TextEncoder().encode(associatedData) },
    await key,
    fromBase64Url(ciphertext) as Uint8Array<ArrayBuffer>,
  )
  return new TextDecoder().decode(plaintext)
}

export function keyIdOf(stored: string): string {
  return stored.split('.')[1] ?? ''
}
