import { describe, expect, it } from 'vitest'
import { qrSvg } from '../../src/lib/qr-svg'
import { generateRecoveryCodes, hashRecoveryCode } from '../../src/lib/recovery-codes'

describe('recovery codes', () => {
  it('are ten unique codes from an unambiguous alphabet', () => {
    const codes = generateRecoveryCodes()
    expect(codes).toHaveLength(10)
    expect(new Set(codes).size).toBe(10)
    for (const code of codes) expect(code).toMatch(/^[a-hjkmnp-z2-9]{5}-[a-hjkmnp-z2-9]{5}$/)
  })

  it('hash the same however they are typed back', async () => {
    expect(await hashRecoveryCode('abcde-fghjk')).toBe(await hashRecoveryCode(' ABCDE FGHJK '))
    expect(await hashRecoveryCode('abcde-fghjk')).not.toBe(await hashRecoveryCode('abcde-fghjm'))
  })
})

describe('qrSvg', () => {
  it('draws an accessible SVG with a quiet zone and no inline styles', () => {
    const svg = qrSvg('otpauth://totp/MediConnect:a@b.test?secret=JBSWY3DPEHPK3PXP', { label: 'QR for "a" <app>' })
    expect(svg).toMatch(/^<svg [^>]*role="img"/)
    expect(svg).toContain('aria-label="QR for &#34;a&#34; &#60;app&#62;"')
    expect(svg).not.toContain('style=')
    const size = Number(/viewBox="0 0 (\d+) \1"/.exec(svg)?.[1])
    // A QR code is 21 + 4k modules wide (version k + 1), plus 4 modules of quiet zone each side.
    expect((size - 8 - 21) % 4).toBe(0)
    expect(svg).toMatch(/<path d="M\d+ \d+h1v1h-1z/)
  })
})
