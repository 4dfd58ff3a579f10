import { toBase32, toBase64Url } from './encoding'

// Ids are 128 random bits, so they cannot be guessed or enumerated (docs/api.md), with a short
// prefix that says what kind of record an id names when it shows up in a log.
const ALPHABET = '0123456789abcdefghjkmnpqrstvwxyz' // Crockford base32, lower case

export function newId(prefix: string): string {
  return `${prefix}_${toBase32(crypto.getRandomValues(new Uint8Array(16)), ALPHABET)}`
}

export function randomToken(byteLength = 32): string {
  const bytes = crypto.getRandomValues(new Uint8Array(byteLength))
  return toBase64Url(bytes)
}
