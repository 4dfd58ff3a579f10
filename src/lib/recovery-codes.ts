import { sha256Hex } from './hash'

// Letters and digits that cannot be mistaken for each other when read off paper (no 0/o, 1/l/i).
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789'

// Ten codes of 10 characters (≈ 49 bits each), written "xxxxx-xxxxx". Each signs in once.
export function generateRecoveryCodes(count = 10): string[] {
  return Array.from({ length: count }, () => {
    let chars = ''
    while (chars.length < 10) {
      // Bytes of 248 and above are dropped so every character is equally likely (248 = 8 × 31).
      for (const b of crypto.getRandomValues(new Uint8Array(16))) {
        if (b < 248 && chars.length < 10) chars += ALPHABET[b % ALPHABET.length]
      }
    }
    return `${chars.slice(0, 5)}-${chars.slice(5)}`
  })
}

// Case, spaces and dashes do not matter when a code is typed back. Codes are random, so a fast
// hash is enough to keep the stored values useless to a thief of the database.
export function hashRecoveryCode(code: string): Promise<string> {
  return sha256Hex(code.toLowerCase().replace(/[\s-]/g, ''))
}
