import { describe, expect, it } from 'vitest'
import { base32Decode, base32Encode, generateTotpSecret, hotp, otpauthUrl, totpCode, totpStep, verifyTotp } from '../../src/lib/totp'

const RFC_KEY = new TextEncoder().encode('12345678901234567890')

describe('HOTP and TOTP', () => {
  it('matches the RFC 4226 Appendix D values', async () => {
    const expected = ['755224', '287082', '359152', '969429', '338314', '254676', '287922', '162583', '399871', '520489']
    for (const [counter, code] of expected.entries()) expect(await hotp(RFC_KEY, counter)).toBe(code)
  })

  it.each([
    [59, '94287082'],
    [1111111109, '07081804'],
    [1111111111, '14050471'],
    [1234567890, '89005924'],
    [2000000000, '69279037'],
  ])('matches the RFC 6238 Appendix B SHA-1 value at T=%i', async (seconds, code) => {
    expect(await hotp(RFC_KEY, totpStep(new Date(seconds * 1000)), 8)).toBe(code)
  })

  it('round-trips base32 and makes 160-bit secrets', () => {
    expect(base32Encode(RFC_KEY)).toBe('GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ')
    expect(base32Decode('gezd gnbv gy3t qojq gezd gnbv gy3t qojq')).toEqual(RFC_KEY)
    expect(base32Decode(generateTotpSecret())).toHaveLength(20)
  })
})

describe('verifyTotp', () => {
  const secret = base32Encode(RFC_KEY)
  const now = new Date('2027-03-14T14:30:10Z')
  const step = totpStep(now)

  it('accepts the current code and one step either side, and says which step it was', async () => {
    for (const offset of [-1, 0, 1]) {
      expect(await verifyTotp(secret, await totpCode(secret, step + offset), now, null)).toEqual({ ok: true, step: step + offset })
    }
  })

  it('refuses a code two steps away', async () => {
    expect((await verifyTotp(secret, await totpCode(secret, step - 2), now, null)).ok).toBe(false)
    expect((await verifyTotp(secret, await totpCode(secret, step + 2), now, null)).ok).toBe(false)
  })

  it('refuses a code whose step was already used, or an earlier one', async () => {
    const code = await totpCode(secret, step)
    expect((await verifyTotp(secret, code, now, step)).ok).toBe(false)
    expect((await verifyTotp(secret, await totpCode(secret, step - 1), now, step)).ok).toBe(false)
  })

  it('refuses malformed codes', async () => {
    for (const code of ['', '12345', '1234567', 'abcdef', '12 34 5x']) expect((await verifyTotp(secret, code, now, null)).ok).toBe(false)
  })

  it('builds an otpauth URL authenticator apps understand', () => {
    const url = new URL(otpauthUrl({ secret, accountName: 'pat+1@example.test', issuer: 'MediConnect' }))
    expect(url.protocol).toBe('otpauth:')
    expect(url.host).toBe('totp')
    expect(decodeURIComponent(url.pathname)).toBe('/MediConnect:pat+1@example.test')
    expect(url.searchParams.get('secret')).toBe(secret)
    expect(url.searchParams.get('period')).toBe('30')
  })
})
