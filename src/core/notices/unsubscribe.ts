import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { timingSafeEqual, toBase64Url } from '../../lib/encoding'
import { isNoticeKind, type NoticeKind } from './kinds'

// One-click unsubscribe (RFC 8058) from one kind of email: the link carries the person and the
// kind, signed with the session secret, so it works without signing in and cannot be forged for
// someone else. It never expires: an old email's link must still work. (HMAC with a synchronous
// implementation, so notices can be built without awaiting.)
const mac = (secret: string, userId: string, kind: string) => toBase64Url(hmac(sha256, new TextEncoder().encode(secret), new TextEncoder().encode(`unsubscribe:${userId}:${kind}`)))

export function unsubscribeToken(secret: string, userId: string, kind: NoticeKind) {
  return `${userId}.${kind}.${mac(secret, userId, kind)}`
}

/** The person and kind a token names, if its signature holds. */
export function readUnsubscribeToken(secret: string, token: string): { userId: string; kind: NoticeKind } | undefined {
  const [userId, kind, signature, ...rest] = token.split('.')
  if (!userId || !kind || !signature || rest.length || !isNoticeKind(kind) || userId.length > 40) return undefined
  // The signature as we write it, character for character (another spelling of the same bytes
  // is not ours).
  const encode = (text: string) => new TextEncoder().encode(text)
  return timingSafeEqual(encode(mac(secret, userId, kind)), encode(signature)) ? { userId, kind } : undefined
}
