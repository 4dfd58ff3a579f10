import { fromBase64Url, toBase64Url } from '../../src/lib/encoding'

// A browser's side of Web Push, for tests: a subscription's keys (P-256 ECDH pair and auth
// secret), and the decryption of what a push service would deliver to it (RFC 8291 over RFC
// 8188's aes128gcm), written from the RFCs with WebCrypto, independently of the library we send with.
export async function newSubscriptionKeys() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDH', namedCurve: 'P-256' }, true, ['deriveBits'])) as CryptoKeyPair
  const publicRaw = new Uint8Array((await crypto.subtle.exportKey('raw', pair.publicKey)) as ArrayBuffer)
  const auth = crypto.getRandomValues(new Uint8Array(16))
  return { privateKey: pair.privateKey, publicRaw, auth, p256dh: toBase64Url(publicRaw), authBase64: toBase64Url(auth) }
}

const text = (s: string): Bytes => new TextEncoder().encode(s) as Bytes
type Bytes = Uint8Array<ArrayBuffer>
const concat = (...parts: Uint8Array[]): Bytes => {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0))
  let at = 0
  for (const p of parts) {
    out.set(p, at)
    at += p.length
  }
  return out
}

async function hkdf(salt: Bytes, ikm: Bytes, info: Bytes, bytes: number) {
  const key = await crypto.subtle.importKey('raw', ikm, 'HKDF', false, ['deriveBits'])
  return new Uint8Array(await crypto.subtle.deriveBits({ name: 'HKDF', hash: 'SHA-256', salt, info }, key, bytes * 8))
}

export async function decryptPush(keys: Awaited<ReturnType<typeof newSubscriptionKeys>>, body: Bytes) {
  // Header: salt (16) | record size (4) | key id length (1) | key id (the sender's public key).
  const salt = body.slice(0, 16)
  const idLength = body[20]!
  const senderPublic = body.slice(21, 21 + idLength)
  const ciphertext = body.slice(21 + idLength)
  const senderKey = await crypto.subtle.importKey('raw', senderPublic, { name: 'ECDH', namedCurve: 'P-256' }, false, [])
  const shared = new Uint8Array(await crypto.subtle.deriveBits({ name: 'ECDH', public: senderKey }, keys.privateKey, 256))
  const ikm = await hkdf(keys.auth, shared, concat(text('WebPush: info\0'), keys.publicRaw, senderPublic), 32)
  const cek = await hkdf(salt, ikm, text('Content-Encoding: aes128gcm\0'), 16)
  const nonce = await hkdf(salt, ikm, text('Content-Encoding: nonce\0'), 12)
  const aes = await crypto.subtle.importKey('raw', cek, 'AES-GCM', false, ['decrypt'])
  const padded = new Uint8Array(await crypto.subtle.decrypt({ name: 'AES-GCM', iv: nonce }, aes, ciphertext))
  // One record: the content, the delimiter 0x02 (last record), then zero padding.
  let end = padded.length - 1
  while (end > 0 && padded[end] === 0) end--
  if (padded[end] !== 2) throw new Error('no last-record delimiter')
  return new TextDecoder().decode(padded.slice(0, end))
}

/** A VAPID key pair as the server takes it (public: uncompressed point; private: JWK d). */
export async function vapidKeyPair() {
  const pair = (await crypto.subtle.generateKey({ name: 'ECDSA', namedCurve: 'P-256' }, true, ['sign'])) as CryptoKeyPair
  const jwk = (await crypto.subtle.exportKey('jwk', pair.privateKey)) as JsonWebKey
  return { VAPID_PUBLIC_KEY: toBase64Url(concat(new Uint8Array([4]), fromBase64Url(jwk.x!), fromBase64Url(jwk.y!))), VAPID_PRIVATE_KEY: jwk.d!, VAPID_SUBJECT: 'mailto:test@mediconnect.test' }
}
