import { jwtVerify, SignJWT } from 'jose'
import { fromBase64Url } from '../../lib/encoding'

// A session token is a short JWT (HS256) that names a session row. The signature only saves a
// database read for garbage; the row decides whether the session is alive, so logout, revocation,
// a password reset or a deactivation end access on the very next request.
const ISSUER = 'mediconnect'
const keys = new Map<string, Uint8Array>()

function keyOf(secret: string): Uint8Array {
  let key = keys.get(secret)
  if (!key) {
    if (!secret || secret.length < 32) throw new Error('SESSION_SECRET must be at least 32 characters')
    key = fromBase64Url(secret)
    keys.set(secret, key)
  }
  return key
}

export async function signSessionToken(secret: string, session: { id: string; expiresAt: Date }) {
  return new SignJWT({ sid: session.id })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(ISSUER)
    .setIssuedAt()
    .setExpirationTime(Math.floor(session.expiresAt.getTime() / 1000))
    .sign(keyOf(secret))
}

// The session id a well-signed, unexpired token names, or undefined for anything else.
export async function readSessionToken(secret: string, token: string): Promise<string | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: ISSUER, algorithms: ['HS256'] })
    return typeof payload.sid === 'string' ? payload.sid : undefined
  } catch {
    return undefined
  }
}

// A device cookie (OWASP's "device cookies"): proof that this browser signed in to this account
// before, so its failed sign-ins count against its own budget and not the account's.
const DEVICE_ISSUER = 'mediconnect-device'
export const DEVICE_COOKIE_DAYS = 365

export async function signDeviceToken(secret: string, device: { userId: string; deviceId: string }) {
  return new SignJWT({ uid: device.userId, did: device.deviceId })
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setIssuer(DEVICE_ISSUER)
    .setIssuedAt()
    .setExpirationTime(`${DEVICE_COOKIE_DAYS}d`)
    .sign(keyOf(secret))
}

// The account and device a well-signed, unexpired device token names, or undefined.
export async function readDeviceToken(secret: string, token: string): Promise<{ userId: string; deviceId: string } | undefined> {
  try {
    const { payload } = await jwtVerify(token, keyOf(secret), { issuer: DEVICE_ISSUER, algorithms: ['HS256'] })
    return typeof payload.uid === 'string' && typeof payload.did === 'string' ? { userId: payload.uid, deviceId: payload.did } : undefined
  } catch {
    return undefined
  }
}
