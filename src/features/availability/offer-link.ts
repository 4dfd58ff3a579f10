import { hmac } from '@noble/hashes/hmac.js'
import { sha256 } from '@noble/hashes/sha2.js'
import { timingSafeEqual, toBase64Url } from '../../lib/encoding'

// The one-tap link of an offer: the offer's id signed for its patient with the session secret,
// so it books without signing in and cannot be forged or used for anyone else. Single use comes
// from the offer itself (open → taken, once); a second tap shows the booking the first made.
const mac = (secret: string, offerId: string, patientId: string) => toBase64Url(hmac(sha256, new TextEncoder().encode(secret), new TextEncoder().encode(`offer:${offerId}:${patientId}`)))

export const offerToken = (secret: string, offerId: string, patientId: string) => `${offerId}.${mac(secret, offerId, patientId)}`

/** The offer id a token names (its signature is checked once the offer's patient is known). */
export function offerIdOf(token: string): string | undefined {
  const [offerId, signature, ...rest] = token.split('.')
  return offerId && signature && !rest.length && offerId.length <= 40 ? offerId : undefined
}

export function offerTokenValid(secret: string, token: string, patientId: string): boolean {
  const offerId = offerIdOf(token)
  if (!offerId) return false
  const encode = (text: string) => new TextEncoder().encode(text)
  return timingSafeEqual(encode(offerToken(secret, offerId, patientId)), encode(token))
}
