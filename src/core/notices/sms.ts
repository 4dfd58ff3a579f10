import type { Db } from '../../db/client'
import type { Bindings } from '../../env'
import { encodeBase64, timingSafeEqual } from '../../lib/encoding'
import { deliverDue, type Delivery } from './deliver'
import { claimSms, dueSmsStatement, markSmsFailed, markSmsSent, recordSmsStatus } from './outbox-queries'

// Texts go through Twilio's REST API with fetch (its Node SDK does not run on Workers). Without
// credentials they stay in the outbox, which /dev/outbox shows.
export const smsConfigured = (env: Bindings) => Boolean(env.TWILIO_ACCOUNT_SID && env.TWILIO_AUTH_TOKEN && env.TWILIO_FROM)

export type SmsSender = (url: string, init: RequestInit) => Promise<Response>

/** Where Twilio reports what became of a message (checked with X-Twilio-Signature). */
export const smsStatusCallback = (env: Bindings) => `${new URL(env.APP_ORIGIN).origin}/api/v1/sms/status`

export async function deliverDueSms(env: Bindings, db: Db, now: Date, send: SmsSender = fetch) {
  if (!smsConfigured(env)) return { sent: 0, gone: 0, retrying: 0, failed: 0 }
  const sid = env.TWILIO_ACCOUNT_SID!
  const url = `https://api.twilio.com/2010-04-01/Accounts/${encodeURIComponent(sid)}/Messages.json`
  const authorization = `Basic ${encodeBase64(new TextEncoder().encode(`${sid}:${env.TWILIO_AUTH_TOKEN}`))}`
  return deliverDue(now, {
    name: 'sms',
    due: (limit) => dueSmsStatement(db, now, limit),
    claim: (candidate, until) => claimSms(db, candidate, until),
    async send(message): Promise<Delivery> {
      const body = new URLSearchParams({ To: message.toNumber, From: env.TWILIO_FROM!, Body: message.body, StatusCallback: smsStatusCallback(env) })
      const res = await send(url, { method: 'POST', headers: { authorization, 'content-type': 'application/x-www-form-urlencoded' }, body })
      if (res.ok) return { outcome: 'sent', providerId: ((await res.json()) as { sid?: string }).sid }
      // Twilio's own error text, never our request (it carries the credentials).
      const error = `Twilio answered ${res.status}: ${((await res.text().catch(() => '')) || '').slice(0, 200)}`
      return { outcome: res.status === 429 || res.status >= 500 ? 'retry' : 'fail', error }
    },
    sent: (message, providerId) => markSmsSent(db, message.id, providerId ?? '', now),
    failed: (message, failure) => markSmsFailed(db, message.id, failure),
  })
}

/**
 * Twilio's request signature (X-Twilio-Signature): base64 HMAC-SHA1, keyed with the auth token,
 * of the full callback URL followed by each POST parameter's name and value, sorted by name.
 */
export async function twilioSignature(authToken: string, url: string, params: Record<string, string>) {
  const data = url + Object.keys(params).sort().map((k) => k + params[k]).join('')
  const key = await crypto.subtle.importKey('raw', new TextEncoder().encode(authToken), { name: 'HMAC', hash: 'SHA-1' }, false, ['sign'])
  return encodeBase64(new Uint8Array(await crypto.subtle.sign('HMAC', key, new TextEncoder().encode(data))))
}

/** Whether a status callback really comes from Twilio (compared in constant time). */
export async function twilioSignatureValid(authToken: string, url: string, params: Record<string, string>, signature: string) {
  const encode = (text: string) => new TextEncoder().encode(text)
  return timingSafeEqual(encode(await twilioSignature(authToken, url, params)), encode(signature))
}

/**
 * Twilio's report on a message (delivered, undelivered…), kept with it if the request carries
 * Twilio's signature of our callback URL and its parameters; false (and nothing kept) if not.
 */
export async function acceptTwilioStatus(env: Bindings, db: Db, params: Record<string, string>, signature: string) {
  const token = env.TWILIO_AUTH_TOKEN
  if (!token || !(await twilioSignatureValid(token, smsStatusCallback(env), params, signature))) return false
  if (params.MessageSid && params.MessageStatus) await recordSmsStatus(db, params.MessageSid, params.MessageStatus.slice(0, 40))
  return true
}
