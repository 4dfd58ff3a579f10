import { describe, expect, it } from 'vitest'
import { hashPassword, needsRehash, verifyPassword } from '../../src/lib/password'

describe('password hashing', () => {
  it('stores Argon2id with its parameters and verifies only the right password', async () => {
    const stored = await hashPassword('correct horse battery staple')
    expect(stored).toMatch(/^argon2id\$v=19\$m=19456,t=2,p=1\$[\w-]{22}\$[\w-]{43}$/)
    expect(await verifyPassword('correct horse battery staple', stored)).toBe(true)
    expect(await verifyPassword('correct horse battery stapler', stored)).toBe(false)
    expect(needsRehash(stored)).toBe(false)
  })

  it('salts every hash', async () => {
    expect(await hashPassword('same')).not.toBe(await hashPassword('same'))
  })

  it('never accepts a missing or malformed hash', async () => {
    expect(await verifyPassword('anything', null)).toBe(false)
    expect(await verifyPassword('anything', 'plain-text')).toBe(false)
  })

  it('asks for a rehash when the stored parameters are weaker than today', () => {
    expect(needsRehash('argon2id$v=19$m=4096,t=1,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaA')).toBe(true)
    expect(needsRehash('pbkdf2$100000$abc$def')).toBe(true)
  })
})
