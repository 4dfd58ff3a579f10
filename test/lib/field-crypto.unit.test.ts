import { describe, expect, it } from 'vitest'
import { decryptField, encryptField, parseKeyRing } from '../../src/lib/field-crypto'
import { toBase64Url } from '../../src/lib/encoding'

const key = () => toBase64Url(crypto.getRandomValues(new Uint8Array(32)))

describe('field encryption', () => {
  const oldKey = `k1:${key()}`
  const ring = parseKeyRing(oldKey)

  it('round-trips, hides the plaintext and uses a fresh IV each time', async () => {
    const a = await encryptField(ring, 'JBSWY3DPEHPK3PXP', 'usr_1')
    const b = await encryptField(ring, 'JBSWY3DPEHPK3PXP', 'usr_1')
    expect(a).not.toBe(b)
    expect(a).not.toContain('JBSWY3DPEHPK3PXP')
    expect(a).toMatch(/^v1\.k1\./)
    expect(await decryptField(ring, a, 'usr_1')).toBe('JBSWY3DPEHPK3PXP')
  })

  it('refuses a ciphertext moved to another owner or tampered with', async () => {
    const stored = await encryptField(ring, 'secret', 'usr_1')
    await expect(decryptField(ring, stored, 'usr_2')).rejects.toThrow()
    const parts = stored.split('.')
    const flipped = parts[3]!.startsWith('A') ? `B${parts[3]!.slice(1)}` : `A${parts[3]!.slice(1)}`
    await expect(decryptField(ring, [...parts.slice(0, 3), flipped].join('.'), 'usr_1')).rejects.toThrow()
  })

  it('still reads old data after a new key is put first, and writes with the new one', async () => {
    const stored = await encryptField(ring, 'old data', 'usr_1')
    const rotated = parseKeyRing(`k2:${key()},${oldKey}`)
    expect(await decryptField(rotated, stored, 'usr_1')).toBe('old data')
    expect(await encryptField(rotated, 'new data', 'usr_1')).toMatch(/^v1\.k2\./)
  })

  it('refuses a malformed key ring', () => {
    expect(() => parseKeyRing('')).toThrow()
    expect(() => parseKeyRing('k1')).toThrow()
    expect(() => parseKeyRing(`k1:${toBase64Url(new Uint8Array(16))}`)).toThrow(/32 bytes/)
  })
})
