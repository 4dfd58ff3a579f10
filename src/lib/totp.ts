import { timingSafeEqual, toBase32 } from './encoding'

// TOTP (RFC 6238) over HOTP (RFC 4226): HMAC-SHA1, 30-second steps, 6 digits, the parameters
// every authenticator app supports.
export const TOTP_STEP_SECONDS = 30
export const TOTP_DIGITS = 6
const DIGITS = TOTP_DIGITS
// A code from the step before or after is accepted too, for clocks that drift a little.
const WINDOW = 1

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'

export function base32Encode(bytes: Uint8Array): string {
  return toBase32(bytes, BASE32)
}

export function base32Decode(text: string): Uint8Array {
  const clean = text.toUpperCase().replace(/[\s=-]/g, '')
  const out: number[] = []
  let bits = 0
  let value = 0
  for (const ch of clean) {
    const index = BASE32.indexOf(ch)
    if (index < 0) throw new Error('invalid base32')
    value = (value << 5) | index
    bits += 5
    if (bits >= 8) {
      out.push((value >>> (bits - 8)) & 255)
      bits -= 8
    }
  }
  return new Uint8Array(out)
}

// 20 random bytes (160 bits), the key length RFC 4226 recommends for HMAC-SHA1.
export function generateTotpSecret(): string {
  return base32Encode(crypto.getRandomValues(new Uint8Array(20)))
}

export async function hotp(key: Uint8Array, counter: number, digits = DIGITS): Promise<string> {
  const message = new Uint8Array(8)
  new DataView(message.buffer).setBigUint64(0, BigInt(counter))
  const hmacKey = await crypto.subtle.importKey('raw', key as Uint8Array<ArrayBuffer>, { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
  const mac = new Uint8Array(await crypto.subtle.sign('HMAC', hmacKey, message))
  const offset = mac[mac.length - 1]! & 0x0f
  const binary =
    ((mac[offset]! & 0x7f) << 24) | (mac[offset + 1]! << 16) | (mac[offset + 2]! << 8) | mac[offset + 3]!
  return String(binary % 10 ** digits).padStart(digits, '0')
}

export function totpStep(now: Date): number {
  return Math.floor(now.getTime() / 1000 / TOTP_STEP_SECONDS)
}

export function totpCode(secretBase32: string, step: number): Promise<string> {
  return hotp(base32Decode(secretBase32), step)
}

// Accepts a code from the current step or one either side, but never a step at or before the last
// one used (RFC 6238 §5.2: a code cannot be replayed). Returns the step to remember.
export async function verifyTotp(
  secretBase32: string,
  code: string,
  now: Date,
  lastUsedStep: number | null,
): Promise<{ ok: true; step: number } | { ok: false }> {
  const given = code.replace(/\s/g, '')
  if (!/^\d{6}$/.test(given)) return { ok: false }
  const key = base32Decode(secretBase32)
  const current = totpStep(now)
  const encoder = new TextEncoder()
  let matched: number | undefined
  // Every candidate is computed and compared, so timing does not tell which step matched.
  for (let step = current - WINDOW; step <= current + WINDOW; step++) {
    const expected = await hotp(key, step)
    if (timingSafeEqual(encoder.encode(expected), encoder.encode(given)) && matched === undefined) matched = step
  }
  if (matched === undefined || (lastUsedStep !== null && matched <= lastUsedStep)) return { ok: false }
  return { ok: true, step: matched }
}

export function otpauthUrl({ secret, accountName, issuer }: { secret: string; accountName: string; issuer: string }): string {
  const label = `${encodeURIComponent(issuer)}:${encodeURIComponent(accountName)}`
  const params = new URLSearchParams({ secret, issuer, algorithm: 'SHA1', digits: String(DIGITS), period: String(TOTP_STEP_SECONDS) })
  return `otpauth://totp/${label}?${params.toString()}`
}
