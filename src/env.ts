import type { Db } from './db/client'
import type { CallRoom } from './durable-objects/call-room/call-room'
import type { ChatRoom } from './durable-objects/chat-room/chat-room'
import type { NotificationHub } from './durable-objects/notification-hub/notification-hub'
import type { RateLimiter } from './durable-objects/rate-limiter/rate-limiter'
import type { RequestContext } from './core/context'

export type AppMode = 'development' | 'test' | 'production'

export type Bindings = {
  TURSO_DATABASE_URL: string
  TURSO_AUTH_TOKEN?: string
  // Milliseconds one database round trip may take before the request answers 503 (default 4000).
  DATABASE_TIMEOUT_MS?: string
  APP_ENV?: AppMode
  // The public origin ("https://mediconnect.example"): CSRF checks, WebAuthn and links in email.
  APP_ORIGIN: string
  // WebAuthn relying party: the registrable domain the passkeys belong to, and its display name.
  WEBAUTHN_RP_ID: string
  WEBAUTHN_RP_NAME?: string
  // Secret (HS256) that signs session tokens; at least 32 random bytes, base64url.
  SESSION_SECRET: string
  // AES-GCM keys for fields encrypted at rest: "kid:base64url-key[,kid:key…]", the first one
  // encrypts, every one listed decrypts (so keys can rotate).
  ENCRYPTION_KEYS: string
  // Without it (development, tests) email stays in the outbox table, visible at /dev/outbox.
  POSTMARK_SERVER_TOKEN?: string
  MAIL_FROM?: string
  ASSETS: Fetcher
  DOCUMENTS: R2Bucket
  RATE_LIMITER: DurableObjectNamespace<RateLimiter>
  CHAT_ROOM: DurableObjectNamespace<ChatRoom>
  CALL_ROOM: DurableObjectNamespace<CallRoom>
  NOTIFICATION_HUB: DurableObjectNamespace<NotificationHub>
  // Web Push (RFC 8292): the application server's VAPID key pair (base64url, the private key as
  // a JWK "d") and the contact for push services. Without them push is off.
  VAPID_PUBLIC_KEY?: string
  VAPID_PRIVATE_KEY?: string
  VAPID_SUBJECT?: string
  // SMS through Twilio's REST API. Without them texts stay in the outbox, shown at /dev/outbox.
  TWILIO_ACCOUNT_SID?: string
  TWILIO_AUTH_TOKEN?: string
  TWILIO_FROM?: string
  // Stripe (Checkout, Refunds). Without a secret key, a local test payment page stands in for
  // Checkout and signs its webhooks with a secret derived from SESSION_SECRET (README).
  STRIPE_SECRET_KEY?: string
  STRIPE_WEBHOOK_SECRET?: string
  // The Connect endpoint's own secret (events of doctors' Express accounts), if it is a separate endpoint.
  STRIPE_CONNECT_WEBHOOK_SECRET?: string
  // RTCIceServer[] as JSON ("[]" on a local network).
  ICE_SERVERS?: string
  // Minutes before an appointment's start when its video room opens.
  CALL_OPENS_MINUTES_BEFORE?: string
}

export type AppEnv = {
  Bindings: Bindings
  Variables: {
    db: Db
    requestId: string
    secureHeadersNonce?: string
    // Built once per request by the session middleware; services take it as their first argument.
    // (Absent only on error pages for requests refused before that middleware ran.)
    ctx: RequestContext
    // How the session was presented: a Bearer token is exempt from CSRF checks, a cookie is not.
    authenticatedBy?: 'bearer' | 'cookie'
  }
}
